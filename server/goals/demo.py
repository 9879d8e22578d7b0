"""The demo organisation's running goal: 售后一组 cuts its average first response by 10% over a quarter.

Seeded once when the demo's events are in (``demo.loaded``); a second load finds it and
changes nothing. Its workflow start is written as an intent, completed by the sweeper.
"""

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import get_settings
from server.demo.events import DemoLoaded
from server.goals.models import Goal
from server.goals.planning import CHANGE_PERCENT
from server.goals.service import GoalSpec, create_goal
from server.intents.service import record_intent
from server.timefmt import from_us

DEMO_GOAL_NAME = "售后一组首次响应提速 10%"
DEMO_TEAM_ID = "team-aftersale-1"
DEMO_OWNER_ID = "demo-manager-aftersale-1"
DEMO_CREATOR = "demo"


async def seed_demo_goal(session: AsyncSession, event: DemoLoaded) -> None:
    """One active team goal that started three weeks before the demo's instant and runs 13 weeks."""
    settings = get_settings().model_copy(update={"timezone": event.timezone})
    existing = await session.get(Goal, demo_goal_id())
    if existing is not None:
        return
    start = from_us(event.now_us, settings.zone).date() - timedelta(days=21)
    spec = GoalSpec(
        name=DEMO_GOAL_NAME, metric_key="first_response_avg_s", target_kind=CHANGE_PERCENT, target=-10.0,
        scope_kind="team", team_id=DEMO_TEAM_ID, start_date=start, end_date=start + timedelta(days=90),
        owner_id=DEMO_OWNER_ID, tolerance=2.0, minimum_sample=20,
    )

    def ask(kind: str, payload: object) -> str:
        return record_intent(session, kind, payload, now_us=event.now_us)  # type: ignore[arg-type]

    await create_goal(session, settings, spec, ask, created_by=DEMO_CREATOR, draft=False, now_us=event.now_us,
                      goal_id=demo_goal_id())


def demo_goal_id() -> str:
    return "demo-goal-first-response"
