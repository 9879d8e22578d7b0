"""The demo organisation's team reviews: one per team for the week the demo's story ends in (idempotent)."""

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import get_settings
from server.demo.events import DemoLoaded
from server.evaluation.review import compile_review
from server.evaluation.schedules import SCHEDULE_INTENT, next_local_midnight_us
from server.intents.service import record_intent
from server.metrics.api import MetricsRequest, compute_metrics
from server.timefmt import from_us

WEEK_US = int(timedelta(days=7).total_seconds()) * 1_000_000


async def seed_demo_review(session: AsyncSession, event: DemoLoaded) -> None:
    """Listener of ``demo.loaded``: review every team with conversations in the last local week before ``now_us``.

    A second delivery finds the reviews by their ids and writes nothing; each new review
    also asks for its team's schedule to be started after the commit.
    """
    now_us, timezone = event.now_us, event.timezone
    settings = get_settings().model_copy(update={"timezone": timezone})
    end = next_local_midnight_us(now_us - 1, settings.zone)
    start = end - WEEK_US
    request = MetricsRequest.of(from_=from_us(start), to=from_us(end), group_by=["team"], metrics=["handled"])
    rows = await compute_metrics(session, request, settings=settings)
    teams = sorted({str(row.dimensions["team_id"]) for row in rows if row.dimensions.get("team_id") and row.values["handled"].value})
    for team_id in teams:
        written = await compile_review(session, settings, team_id, start, end, trigger="schedule", now_us=now_us)
        if written.new:
            record_intent(session, SCHEDULE_INTENT, {"team_id": team_id}, now_us=now_us)
