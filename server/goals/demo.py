"""The demo organisation's running goal: 售后一组 cuts its average first response by 10% over a quarter.

Seeded once when the demo's events are in (``demo.loaded``); a second load finds it and
changes nothing. Its workflow start is written as an intent, completed by the sweeper.
"""

import logging
from collections.abc import Mapping
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import get_settings
from server.demo.events import DemoLoaded
from server.errors import BadUserInput
from server.goals.models import Goal
from server.goals.planning import CHANGE_PERCENT
from server.goals.service import GoalSpec, create_goal
from server.intents.service import record_intent
from server.timefmt import from_us

DEMO_GOAL_NAME = "售后一组首次响应提速 10%"
DEMO_TEAM_ID = "team-aftersale-1"
DEMO_OWNER_ID = "demo-manager-aftersale-1"
DEMO_CREATOR = "demo"
DEMO_GOAL_ID = "demo-goal-first-response"
logger = logging.getLogger(__name__)


LAYOUTS = ((21, 28), (7, 7))
"""(days the goal started before the demo's instant, baseline days): the first whose baseline has data is used."""


async def seed_demo_goal(session: AsyncSession, event: DemoLoaded) -> None:
    """One active team goal, started before the demo's instant and running 13 weeks; seeded once."""
    if await session.get(Goal, DEMO_GOAL_ID) is not None:
        return
    settings = get_settings().model_copy(update={"timezone": event.timezone})
    today = from_us(event.now_us, settings.zone).date()

    def ask(kind: str, payload: Mapping[str, object]) -> str:
        return record_intent(session, kind, payload, now_us=event.now_us)

    for started_days_ago, baseline_days in LAYOUTS:
        start = today - timedelta(days=started_days_ago)
        spec = GoalSpec(
            name=DEMO_GOAL_NAME, metric_key="first_response_avg_s", target_kind=CHANGE_PERCENT, target=-10.0,
            scope_kind="team", team_id=DEMO_TEAM_ID, start_date=start, end_date=start + timedelta(days=90),
            owner_id=DEMO_OWNER_ID, tolerance=2.0, minimum_sample=20, baseline_days=baseline_days,
        )
        try:
            async with session.begin_nested():
                await create_goal(session, settings, spec, ask, created_by=DEMO_CREATOR, draft=False,
                                  now_us=event.now_us, goal_id=DEMO_GOAL_ID)
        except BadUserInput:
            logger.info("demo goal: no baseline %d days before %s; trying a later start", baseline_days, start)
            continue
        return
    logger.warning("demo goal not seeded: the demo stream has no first responses of %s", DEMO_TEAM_ID)
