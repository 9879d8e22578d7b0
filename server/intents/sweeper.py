"""The API's background sweeper: intents left pending (Temporal was down, a process died) are completed when they can be.

Every API process runs one. Sweepers of several processes never run a handler twice for
one intent: completing claims the intent's row first (server/intents/service.py).
"""

import asyncio
import logging
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.intents.service import sweep_intents
from server.kernel.feature import IntentHandler
from server.timefmt import now_us

logger = logging.getLogger(__name__)

PER_INTENT_SECONDS = 10.0
"""One intent's handler may take this long in a sweep (a workflow start against an unreachable Temporal gives up)."""


async def sweep_forever(
    sessionmaker: async_sessionmaker[AsyncSession], handlers: Mapping[str, IntentHandler], settings: Settings
) -> None:
    """Sweep every ``settings.intent_sweep_seconds`` until cancelled; a failed sweep is logged and the next one tries again."""
    while True:
        await asyncio.sleep(settings.intent_sweep_seconds)
        try:
            report = await sweep_intents(
                sessionmaker, handlers, settings, now_us=now_us(), per_intent_seconds=PER_INTENT_SECONDS
            )
        except Exception:
            logger.exception("intent sweep failed; the next one tries again")
            continue
        if report.completed or report.failed:
            logger.info("intent sweep: %d completed, %d still pending", report.completed, report.failed)
