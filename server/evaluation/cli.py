"""``coachloop team-reviews schedule``: every team's review schedule, started through durable intents."""

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings, get_settings
from server.db import create_engine, create_sessionmaker, transaction
from server.evaluation.repository import every_team_id
from server.evaluation.schedules import SCHEDULE_INTENT
from server.intents.service import complete_intent, intent_handlers, record_intent
from server.kernel.feature import IntentHandler
from server.kernel.installed import installed_features
from server.timefmt import now_us

logger = logging.getLogger(__name__)


async def schedule_every_team(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, handlers: Mapping[str, IntentHandler],
) -> dict[str, int]:
    """Record one start intent per team (committed first), then complete them; those Temporal refuses, or does not
    answer within COACHLOOP_TEMPORAL_COMMAND_TIMEOUT_SECONDS, stay pending (the claim rolls back)."""
    async with transaction(sessionmaker) as session:
        intents = [record_intent(session, SCHEDULE_INTENT, {"team_id": team}, now_us=now_us()) for team in await every_team_id(session)]
    started = pending = 0
    for intent_id in intents:
        try:
            completing = complete_intent(sessionmaker, intent_id, handlers, settings, now_us=now_us())
            await asyncio.wait_for(completing, settings.temporal_command_timeout_seconds)
            started += 1
        except Exception:  # noqa: BLE001  (Temporal down or slow: the intent stays for the sweeper)
            logger.warning("team review schedule intent %s left pending", intent_id, exc_info=True)
            pending += 1
    return {"teams": len(intents), "started": started, "pending": pending}


async def _schedule() -> dict[str, int]:
    settings = get_settings()
    engine = create_engine(settings)
    try:
        return await schedule_every_team(create_sessionmaker(engine), settings, intent_handlers(installed_features()))
    finally:
        await engine.dispose()


def run_schedule(_arguments: argparse.Namespace) -> int:
    """Print what was started; exit 3 when some starts are left to ``coachloop intents sweep``."""
    report = asyncio.run(_schedule())
    sys.stdout.write(json.dumps(report, sort_keys=True) + "\n")
    return 3 if report["pending"] else 0
