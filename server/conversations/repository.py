"""Conversations and their messages, read through the principal's row scope.

A conversation exists once its ``conversation.started`` is known; its start row is the
first ``conversation.started`` in timeline order (ts, then event id in code-point order).
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Subquery, exists, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import ASSIGNED_EVENT, STARTED_EVENT, RowScope, conversation_clause, message_clause
from server.conversations.models import ConversationEvent, Feedback, Message
from server.org.models import Agent


@dataclass(frozen=True)
class ConversationFilter:
    agent_id: str | None = None
    team_id: str | None = None
    customer_id: str | None = None
    channel: str | None = None
    started_from_us: int | None = None
    started_to_us: int | None = None
    search: str | None = None


def code_point_order(session: AsyncSession, column: ColumnElement) -> ColumnElement:
    """``column`` compared by code point: PostgreSQL's "C" collation; SQLite's default already is."""
    return column.collate("C") if session.bind.dialect.name == "postgresql" else column


def conversation_starts(session: AsyncSession) -> Subquery:
    """One row per conversation: its first ``conversation.started``."""
    event = ConversationEvent
    rank = func.row_number().over(
        partition_by=event.conversation_id, order_by=(event.ts_us, code_point_order(session, event.event_id))
    )
    ranked = (
        select(event.conversation_id, event.ts_us, event.channel, event.customer_id, rank.label("timeline_rank"))
        .where(event.type == STARTED_EVENT)
        .subquery("ranked_start")
    )
    return (
        select(
            ranked.c.conversation_id,
            ranked.c.ts_us.label("started_us"),
            ranked.c.channel,
            ranked.c.customer_id,
        )
        .where(ranked.c.timeline_rank == 1)
        .subquery("conversation_start")
    )


def _assigned_to(agents: ColumnElement | list[str] | Select, conversation_id: ColumnElement) -> ColumnElement[bool]:
    return exists().where(
        ConversationEvent.conversation_id == conversation_id,
        ConversationEvent.type == ASSIGNED_EVENT,
        ConversationEvent.agent_id.in_(agents),
    )


class ConversationRepository:
    """Conversations the scope reaches, with filters, order, pages and counts on the same rows."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope
        self.start = conversation_starts(session)

    def readable_statement(self) -> Select:
        start = self.start
        return select(start.c.conversation_id, start.c.started_us).where(
            conversation_clause(self.scope, start.c.conversation_id)
        )

    def _filtered(self, narrowing: ConversationFilter) -> Select:
        start = self.start
        statement = self.readable_statement()
        if narrowing.agent_id is not None:
            statement = statement.where(_assigned_to([narrowing.agent_id], start.c.conversation_id))
        if narrowing.team_id is not None:
            team_agents = select(Agent.agent_id).where(Agent.team_id == narrowing.team_id)
            statement = statement.where(_assigned_to(team_agents, start.c.conversation_id))
        if narrowing.customer_id is not None:
            statement = statement.where(start.c.customer_id == narrowing.customer_id)
        if narrowing.channel is not None:
            statement = statement.where(start.c.channel == narrowing.channel)
        if narrowing.started_from_us is not None:
            statement = statement.where(start.c.started_us >= narrowing.started_from_us)
        if narrowing.started_to_us is not None:
            statement = statement.where(start.c.started_us < narrowing.started_to_us)
        if narrowing.search:
            statement = statement.where(
                exists().where(
                    Message.conversation_id == start.c.conversation_id,
                    Message.text.contains(narrowing.search, autoescape=True),
                    message_clause(self.scope, Message.conversation_id, Message.sender, Message.agent_id),
                )
            )
        return statement

    async def page(self, narrowing: ConversationFilter, *, newest_first: bool, limit: int, offset: int) -> list[str]:
        start = self.start
        started = start.c.started_us.desc() if newest_first else start.c.started_us.asc()
        statement = self._filtered(narrowing).order_by(started, start.c.conversation_id).limit(limit).offset(offset)
        return list((await self.session.execute(statement)).scalars().all())

    async def count(self, narrowing: ConversationFilter) -> int:
        statement = select(func.count()).select_from(self._filtered(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def in_scope(self, conversation_ids: list[str]) -> set[str]:
        """The subset of ``conversation_ids`` that exist and that the scope reaches."""
        statement = self.readable_statement().where(self.start.c.conversation_id.in_(conversation_ids))
        return {row.conversation_id for row in (await self.session.execute(statement)).all()}

    async def recent_by_agents(self, agent_ids: list[str], limit: int) -> dict[str, list[str]]:
        """For each agent, up to ``limit`` readable conversations it was assigned, newest first."""
        start = self.start
        participation = (
            select(ConversationEvent.agent_id, ConversationEvent.conversation_id)
            .where(ConversationEvent.type == ASSIGNED_EVENT, ConversationEvent.agent_id.in_(agent_ids))
            .distinct()
            .subquery("participation")
        )
        rank = func.row_number().over(
            partition_by=participation.c.agent_id,
            order_by=(start.c.started_us.desc(), start.c.conversation_id),
        )
        ranked = (
            select(participation.c.agent_id, participation.c.conversation_id, rank.label("recency"))
            .join(start, start.c.conversation_id == participation.c.conversation_id)
            .where(conversation_clause(self.scope, participation.c.conversation_id))
            .subquery("ranked_participation")
        )
        statement = (
            select(ranked.c.agent_id, ranked.c.conversation_id)
            .where(ranked.c.recency <= limit)
            .order_by(ranked.c.agent_id, ranked.c.recency)
        )
        found: dict[str, list[str]] = defaultdict(list)
        for row in (await self.session.execute(statement)).all():
            found[row.agent_id].append(row.conversation_id)
        return found

    async def lifecycle(self, conversation_ids: list[str]) -> dict[str, list[ConversationEvent]]:
        """Every lifecycle event of the given (already scoped) conversations."""
        statement = select(ConversationEvent).where(ConversationEvent.conversation_id.in_(conversation_ids))
        found: dict[str, list[ConversationEvent]] = defaultdict(list)
        for event in (await self.session.execute(statement)).scalars().all():
            found[event.conversation_id].append(event)
        return found

    async def feedback(self, conversation_ids: list[str]) -> dict[str, list[Feedback]]:
        statement = select(Feedback).where(Feedback.conversation_id.in_(conversation_ids))
        found: dict[str, list[Feedback]] = defaultdict(list)
        for survey in (await self.session.execute(statement)).scalars().all():
            found[survey.conversation_id].append(survey)
        return found


async def conversation_exists(session: AsyncSession, conversation_id: str) -> bool:
    """Whether a conversation has started at all (for auditing refused look-ups; never shown)."""
    statement = select(
        exists().where(ConversationEvent.conversation_id == conversation_id, ConversationEvent.type == STARTED_EVENT)
    )
    return bool((await session.execute(statement)).scalar_one())


class MessageRepository:
    """Messages of the conversations the scope reaches, in timeline order."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    async def by_conversations(self, conversation_ids: list[str]) -> dict[str, list[Message]]:
        statement = (
            select(Message)
            .where(Message.conversation_id.in_(conversation_ids))
            .where(message_clause(self.scope, Message.conversation_id, Message.sender, Message.agent_id))
            .order_by(Message.ts_us, code_point_order(self.session, Message.event_id))
        )
        found: dict[str, list[Message]] = defaultdict(list)
        for message in (await self.session.execute(statement)).scalars().all():
            found[message.conversation_id].append(message)
        return found
