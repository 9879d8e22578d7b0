"""CLI commands that talk to Temporal: a bounded wait and one clear line when it is down, hangs or refuses.

Exit status: 0 done, 3 Temporal unreachable or too slow (nothing was started), 130 stopped
by SIGINT. The wait is ``COACHLOOP_TEMPORAL_COMMAND_TIMEOUT_SECONDS`` (10 s by default)
for connecting and the call together.
"""

import asyncio
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from temporalio.client import Client
from temporalio.service import RPCError

from server.config import Settings
from workflows.client import connect, temporal_address

UNREACHABLE = 3
INTERRUPTED = 130
T = TypeVar("T")


class TemporalCommandError(Exception):
    """Temporal could not be used; the message is the one line to print."""


async def with_temporal(settings: Settings, work: Callable[[Client], Awaitable[T]]) -> T:
    """``work`` with a connected client, within the settings' command timeout."""
    address = temporal_address(settings)
    timeout = settings.temporal_command_timeout_seconds

    async def connected() -> T:
        return await work(await connect(settings))

    try:
        return await asyncio.wait_for(connected(), timeout)
    except TimeoutError as error:
        raise TemporalCommandError(
            f"Temporal at {address} did not answer within {timeout:g} s (is it overloaded or not a Temporal frontend?)"
        ) from error
    except RPCError as error:
        raise TemporalCommandError(f"Temporal at {address} refused the call: {error.status.name}: {error.message}") from error
    except RuntimeError as error:  # the SDK's "Failed client connect"
        raise TemporalCommandError(
            f"cannot reach Temporal at {address} (start it with `coachloop up`, or set COACHLOOP_TEMPORAL_ADDRESS): "
            f"{str(error).splitlines()[0]}"
        ) from error


def run_temporal_command(name: str, work: Callable[[], Coroutine[Any, Any, str]]) -> int:
    """Run ``work`` (which uses ``with_temporal``), print its line or one error line; return the exit status."""
    try:
        line = asyncio.run(work())
    except TemporalCommandError as problem:
        print(f"coachloop {name}: {problem}", file=sys.stderr)
        return UNREACHABLE
    except KeyboardInterrupt:
        print(f"coachloop {name}: stopped by SIGINT; nothing was started.", file=sys.stderr)
        return INTERRUPTED
    sys.stdout.write(line + "\n")
    return 0
