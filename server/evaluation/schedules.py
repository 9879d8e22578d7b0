"""Each team's review cadence: its own schedule when set, else COACHLOOP_REVIEW_INTERVAL_DAYS; and period boundaries."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.evaluation.models import TeamReviewSchedule
from server.timefmt import from_us, to_us

SCHEDULE_INTENT = "evaluation.review_schedule"


async def schedule_state(session: AsyncSession, team_id: str, settings: Settings) -> tuple[int, bool]:
    """(interval in days, enabled) of the team's reviews."""
    stored = await session.get(TeamReviewSchedule, team_id)
    if stored is None:
        return settings.review_interval_days, True
    return stored.interval_days, stored.enabled


async def set_schedule(session: AsyncSession, team_id: str, interval_days: int, enabled: bool, *, now_us: int) -> TeamReviewSchedule:
    """Store the team's own cadence (the running schedule reads it at its next period end)."""
    stored = await session.get(TeamReviewSchedule, team_id)
    if stored is None:
        stored = TeamReviewSchedule(team_id=team_id, interval_days=interval_days, enabled=enabled, updated_at_us=now_us)
        session.add(stored)
    else:
        stored.interval_days, stored.enabled, stored.updated_at_us = interval_days, enabled, now_us
    await session.flush()
    return stored


def next_local_midnight_us(instant_us: int, zone: ZoneInfo) -> int:
    """The first local midnight strictly after ``instant_us``: where scheduled periods end."""
    local = from_us(instant_us, zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
    return to_us(midnight)


def on_demand_period(now_us: int, interval_days: int, zone: ZoneInfo) -> tuple[int, int]:
    """The period an on-demand review covers: the ``interval_days`` local days up to the end of today."""
    end = next_local_midnight_us(now_us, zone)
    start = datetime.combine(from_us(end, zone).date() - timedelta(days=interval_days), time(0), tzinfo=zone)
    return to_us(start), end
