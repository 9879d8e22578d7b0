"""The coaching tests' organisation: the people directory's teams and managers, and agents a1 (t-east), a3 (t-west)."""

from server.db import transaction
from server.notifications.models import OutboxEntry, OutboxRecipient
from server.org.models import Agent
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.people.directory import seed_directory

AGENT_TEAMS = {"a1": "t-east", "a2": "t-east-a", "a3": "t-west"}
DAY_US = 86_400_000_000
START_US = 1_796_000_000_000_000
"""2026-11-30 00:53:20 UTC: the plans of these tests start here."""


async def seed_organisation(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_directory(sessionmaker)
    async with transaction(sessionmaker) as session:
        for agent_id, team_id in AGENT_TEAMS.items():
            session.add(Agent(agent_id=agent_id, name=agent_id, team_id=team_id, ts_us=0, event_id=f"e-{agent_id}"))


EVALUATION_KINDS = ("plan.evaluated", "review.ready")
"""What the evaluation feature writes when a plan ends (tested in tests/evaluation)."""


async def outbox(sessionmaker: async_sessionmaker[AsyncSession]) -> list[tuple[str, str, str]]:
    """(kind, subject id, recipient) of every coaching outbox entry, sorted."""
    async with sessionmaker() as session:
        rows = await session.execute(
            select(OutboxEntry.kind, OutboxEntry.subject_id, OutboxRecipient.user_id)
            .join(OutboxRecipient, OutboxRecipient.outbox_id == OutboxEntry.outbox_id)
            .where(OutboxEntry.kind.not_in(EVALUATION_KINDS))  # type: ignore[attr-defined]
            .order_by(OutboxEntry.kind, OutboxEntry.subject_id, OutboxRecipient.user_id)
        )
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


async def count(sessionmaker: async_sessionmaker[AsyncSession], model: type) -> int:
    async with sessionmaker() as session:
        return (await session.execute(select(func.count()).select_from(model))).scalar_one()
