"""Work run once a transaction has committed, and never after a rollback.

A callback is a nudge, not a record: anything that must happen (a workflow start, a
notification) is written as a durable intent in the same transaction first
(server/intents/), and the callback only completes it early. A callback that fails is
logged and left to the intents sweeper; it never turns a committed request into an error.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None]]


class AfterCommitCallbacks:
    """The callbacks registered during one transaction, run in registration order after it commits."""

    def __init__(self) -> None:
        self._callbacks: list[AfterCommit] = []

    def add(self, callback: AfterCommit) -> None:
        self._callbacks.append(callback)

    def __len__(self) -> int:
        return len(self._callbacks)

    async def run(self, budget_seconds: float | None = None) -> None:
        """The transaction committed: run every callback once (a failing one is logged, the rest still run).

        With a ``budget_seconds``, callbacks still running when it is spent are cancelled
        and those not started are skipped: the answer to the request is not held up by a
        slow dependency (Temporal down), and the intents they would have completed stay
        pending for the sweeper.
        """
        callbacks, self._callbacks = self._callbacks, []
        try:
            async with asyncio.timeout(budget_seconds):
                for callback in callbacks:
                    try:
                        await callback()
                    except Exception:
                        logger.exception("after-commit callback %r failed; a sweeper completes its intent", callback)
        except TimeoutError:
            logger.warning("after-commit work passed its %.1f s budget; the sweeper completes its intents", budget_seconds)

    def discard(self) -> None:
        """The transaction rolled back: forget every callback."""
        self._callbacks = []
