"""Conversations and their messages, read through the principal's row scope.

A conversation exists once its ``conversation.started`` is known; its start row is the
first ``conversation.started`` in timeline order (ts, then event id in code-point order).
"""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, exists, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import ASSIGNED_EVENT, STARTED_EVENT, RowScope, conversation_clause, message_clause
from server.conversations.models import ConversationEvent, Feedback, Message
from server.kernel.keyset import code_point_order, group_by_parent, pages_per_parent
from server.kernel.paging import PageArgs, SortKey
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

    def order(self, *, newest_first: bool) -> list[SortKey]:
        """The list's total order: by start (newest or oldest first), then id by code point."""
        start = self.start
        return [
            SortKey(start.c.started_us, descending=newest_first),
            SortKey(code_point_order(self.session, start.c.conversation_id)),
        ]

    async def page(self, narrowing: ConversationFilter, args: PageArgs, *, newest_first: bool) -> list[Any]:
        """One page of ``(conversation_id, started_us)`` rows (with a spare row) in reading order."""
        statement = args.bounded(self._filtered(narrowing), self.order(newest_first=newest_first))
        return list((await self.session.execute(statement)).all())

    async def count(self, narrowing: ConversationFilter) -> int:
        statement = select(func.count()).select_from(self._filtered(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def in_scope(self, conversation_ids: list[str]) -> set[str]:
        """The subset of ``conversation_ids`` that exist and that the scope reaches."""
        statement = self.readable_statement().where(self.start.c.conversation_id.in_(conversation_ids))
        return {row.conversation_id for row in (await self.session.execute(statement)).all()}

    def _participation(self, agent_ids: list[str]) -> Subquery:
        return (
            select(ConversationEvent.agent_id, ConversationEvent.conversation_id)
            .where(ConversationEvent.type == ASSIGNED_EVENT, ConversationEvent.agent_id.in_(agent_ids))
            .distinct()
            .subquery("participation")
        )

    async def pages_by_agents(self, agent_ids: list[str], args: PageArgs) -> dict[Hashable, list[Any]]:
        """For each agent, one page (newest first, spare row included) of the readable conversations it was
        assigned, as ``(conversation_id, started_us)`` rows; all agents in one statement."""
        start = self.start
        participation = self._participation(agent_ids)
        statement = (
            select(start.c.conversation_id, start.c.started_us)
            .join(participation, participation.c.conversation_id == start.c.conversation_id)
            .where(conversation_clause(self.scope, start.c.conversation_id))
        )
        paged = pages_per_parent(statement, participation.c.agent_id, self.order(newest_first=True), args)
        return group_by_parent((await self.session.execute(paged)).all())

    async def count_by_agents(self, agent_ids: list[str]) -> dict[str, int]:
        """Readable conversations each agent was assigned."""
        start = self.start
        participation = self._participation(agent_ids)
        statement = (
            select(participation.c.agent_id, func.count())
            .join(start, participation.c.conversation_id == start.c.conversation_id)
            .where(conversation_clause(self.scope, start.c.conversation_id))
            .group_by(participation.c.agent_id)
        )
        return {agent_id: count for agent_id, count in (await self.session.execute(statement)).all()}

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

    def readable_statement(self) -> Select:
        return select(Message).where(
            message_clause(self.scope, Message.conversation_id, Message.sender, Message.agent_id)
        )

    def order(self) -> list[SortKey]:
        """Timeline order: sent time, then event id by code point."""
        return [SortKey(Message.ts_us), SortKey(code_point_order(self.session, Message.event_id))]

    async def pages_by_conversations(self, conversation_ids: list[str], args: PageArgs) -> dict[Hashable, list[Any]]:
        """For each conversation, one page of its readable messages (spare row included), in one statement."""
        statement = self.readable_statement().where(Message.conversation_id.in_(conversation_ids))
        paged = pages_per_parent(statement, Message.conversation_id, self.order(), args)
        return group_by_parent((await self.session.execute(paged)).all())

    async def count_by_conversations(self, conversation_ids: list[str]) -> dict[str, int]:
        """Readable messages of each conversation."""
        statement = (
            self.readable_statement().with_only_columns(Message.conversation_id, func.count())
            .where(Message.conversation_id.in_(conversation_ids)).group_by(Message.conversation_id)
        )
        return {conversation_id: count for conversation_id, count in (await self.session.execute(statement)).all()}

    async def by_event_ids(self, event_ids: list[str]) -> list[Message]:
        """Readable messages among ``event_ids``."""
        statement = self.readable_statement().where(Message.event_id.in_(event_ids))
        return list((await self.session.execute(statement)).scalars().all())


async def message_exists(session: AsyncSession, event_id: str) -> bool:
    """Whether a message is stored at all (for auditing refused look-ups; never shown)."""
    return bool((await session.execute(select(exists().where(Message.event_id == event_id)))).scalar_one())
