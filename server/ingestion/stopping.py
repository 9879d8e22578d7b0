"""Stopping a long import on SIGTERM or SIGINT at a batch boundary.

The first signal asks the import to stop: the batch being written commits, no new
batch starts, a catch-up in progress is cancelled (its transaction rolls back), and
the leases are released. A second signal cancels what is still running at once;
committed batches stay either way. The exit status is 128 + the signal number
(130 for SIGINT, 143 for SIGTERM), as a shell reports a process killed by it.
"""

import asyncio
import signal
from collections.abc import Awaitable
from typing import TypeVar

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
T = TypeVar("T")


class Interrupted(Exception):
    """A stop request cut work short (raised by ``StopRequest.race``)."""


class StopRequest:
    """Set by a signal (or a test); ``ingest_items`` checks it between batches."""

    def __init__(self) -> None:
        self.signal: signal.Signals | None = None
        self._event = asyncio.Event()
        self._task: asyncio.Task | None = None

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    @property
    def exit_status(self) -> int:
        """128 + the signal number (1 when stopped without a signal)."""
        return 128 + self.signal.value if self.signal is not None else 1

    def request(self, signum: signal.Signals | None = None) -> None:
        """Ask for a stop; a second request while one is pending cancels the guarded task at once."""
        if self._event.is_set():
            if self._task is not None and not self._task.done():
                self._task.cancel()
            return
        self.signal = signum
        self._event.set()

    def install(self) -> None:
        """Route SIGINT and SIGTERM to this request for the running task (until ``uninstall``)."""
        loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, self.request, signum)

    def uninstall(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)

    async def race(self, work: Awaitable[T]) -> T:
        """``work``, cancelled when a stop is requested before it ends (then ``Interrupted``)."""
        task = asyncio.ensure_future(work)
        waiter = asyncio.ensure_future(self._event.wait())
        try:
            await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            raise Interrupted
        return task.result()
