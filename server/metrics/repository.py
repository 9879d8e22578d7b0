"""Reads of the event tables for fact computation, and reads/writes of the metric tables.

Every read takes whole sets of keys (chunked IN lists) and every write is one
executemany, so the cost of a batch does not grow with round trips per row.
"""

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, and_, bindparam, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.ingestion.models import StoredEvent
from server.knowledge.models import KbArticleOpen, KbSearch
from server.metrics.models import metric_agent, metric_conversation
from server.metrics.search_facts import ConversationLabels
from server.metrics.teams import Membership
from server.metrics.timeline import (
    STARTED, ArticleOpenEvent, ConversationTimeline, FeedbackEvent, LifecycleEvent, MessageEvent, SearchEvent,
    SearchTimeline, TransferEvent,
)
from server.org.models import AgentMembership

CHUNK = 2000
Row = dict[str, Any]
T = TypeVar("T")

LIFECYCLE = ConversationEvent.__table__  # type: ignore[attr-defined]
TRANSFER = Transfer.__table__  # type: ignore[attr-defined]
MESSAGE = Message.__table__  # type: ignore[attr-defined]
FEEDBACK = Feedback.__table__  # type: ignore[attr-defined]
KB_SEARCH = KbSearch.__table__  # type: ignore[attr-defined]
KB_OPEN = KbArticleOpen.__table__  # type: ignore[attr-defined]
MEMBERSHIP = AgentMembership.__table__  # type: ignore[attr-defined]
EVENT = StoredEvent.__table__  # type: ignore[attr-defined]


def chunked(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Sorted, fixed-size chunks of ``items`` (bounded IN lists)."""
    ordered = sorted(items)  # type: ignore[type-var]
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def primary_key_of(table: Table, row: Row) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


class FactRepository:
    """Event reads and metric-table writes in the caller's session (flush only)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, statement: Any) -> list[Row]:
        return [dict(row) for row in (await self.session.exec(statement)).mappings().all()]

    async def _scalar(self, statement: Any) -> Any:
        return (await self.session.exec(statement)).scalar_one()

    async def watermark_us(self) -> int | None:
        """The greatest ``ts`` among all accepted events."""
        return await self._scalar(select(func.max(EVENT.c.ts_us)))

    async def event_seq(self) -> int | None:
        """The greatest event sequence number: changes whenever an event is stored."""
        return await self._scalar(select(func.max(EVENT.c.seq)))

    async def timelines(self, conversation_ids: Collection[str]) -> dict[str, ConversationTimeline]:
        """The stored lifecycle, transfer, message and feedback events of each conversation."""
        timelines = {conversation_id: ConversationTimeline(conversation_id) for conversation_id in conversation_ids}
        for chunk in chunked(conversation_ids):
            for row in await self._rows(select(LIFECYCLE).where(LIFECYCLE.c.conversation_id.in_(chunk))):
                timelines[row["conversation_id"]].lifecycle.append(LifecycleEvent(
                    row["ts_us"], row["event_id"], row["type"], row["channel"], row["customer_id"], row["category"],
                    row["direction"], row["agent_id"], row["transfer_id"], row["resolution"],
                ))
            statement = select(TRANSFER.c.conversation_id, TRANSFER.c.ts_us, TRANSFER.c.event_id, TRANSFER.c.transfer_id)
            for row in await self._rows(statement.where(TRANSFER.c.conversation_id.in_(chunk))):
                timelines[row["conversation_id"]].transfers.append(TransferEvent(row["ts_us"], row["event_id"], row["transfer_id"]))
            statement = select(MESSAGE.c.conversation_id, MESSAGE.c.ts_us, MESSAGE.c.event_id, MESSAGE.c.sender, MESSAGE.c.agent_id)
            for row in await self._rows(statement.where(MESSAGE.c.conversation_id.in_(chunk))):
                timelines[row["conversation_id"]].messages.append(
                    MessageEvent(row["ts_us"], row["event_id"], row["sender"], row["agent_id"])
                )
            statement = select(
                FEEDBACK.c.conversation_id, FEEDBACK.c.ts_us, FEEDBACK.c.event_id, FEEDBACK.c.csat, FEEDBACK.c.nps,
                FEEDBACK.c.resolved,
            )
            for row in await self._rows(statement.where(FEEDBACK.c.conversation_id.in_(chunk))):
                timelines[row["conversation_id"]].feedback.append(
                    FeedbackEvent(row["ts_us"], row["event_id"], row["csat"], row["nps"], row["resolved"])
                )
        return timelines

    async def started_conversation_ids(self) -> list[str]:
        statement = select(LIFECYCLE.c.conversation_id).where(LIFECYCLE.c.type == STARTED).distinct()
        return sorted((await self.session.exec(statement)).scalars().all())

    async def search_timelines(self, search_ids: Collection[str]) -> dict[str, SearchTimeline]:
        """The stored searches and the article opens carrying each search id."""
        timelines = {search_id: SearchTimeline(search_id) for search_id in search_ids}
        for chunk in chunked(search_ids):
            statement = select(
                KB_SEARCH.c.search_id, KB_SEARCH.c.ts_us, KB_SEARCH.c.event_id, KB_SEARCH.c.agent_id, KB_SEARCH.c.conversation_id
            )
            for row in await self._rows(statement.where(KB_SEARCH.c.search_id.in_(chunk))):
                timelines[row["search_id"]].searches.append(
                    SearchEvent(row["ts_us"], row["event_id"], row["agent_id"], row["conversation_id"])
                )
            statement = select(KB_OPEN.c.search_id, KB_OPEN.c.ts_us, KB_OPEN.c.event_id)
            for row in await self._rows(statement.where(KB_OPEN.c.search_id.in_(chunk))):
                timelines[row["search_id"]].opens.append(ArticleOpenEvent(row["ts_us"], row["event_id"]))
        return timelines

    async def search_ids_of_conversations(self, conversation_ids: Collection[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunked(conversation_ids):
            statement = select(KB_SEARCH.c.search_id).where(KB_SEARCH.c.conversation_id.in_(chunk)).distinct()
            found.update((await self.session.exec(statement)).scalars().all())
        return found

    async def all_search_ids(self) -> list[str]:
        return sorted((await self.session.exec(select(KB_SEARCH.c.search_id).distinct())).scalars().all())

    async def memberships(self, agent_ids: Collection[str] | None) -> list[Membership]:
        """The ``agent.upserted`` history of the given agents (of every agent when None)."""
        columns = select(MEMBERSHIP.c.agent_id, MEMBERSHIP.c.team_id, MEMBERSHIP.c.valid_from_us, MEMBERSHIP.c.event_id)
        statements = [columns] if agent_ids is None else [
            columns.where(MEMBERSHIP.c.agent_id.in_(chunk)) for chunk in chunked(agent_ids)
        ]
        memberships = []
        for statement in statements:
            memberships.extend(Membership(**row) for row in await self._rows(statement))
        return memberships

    async def team_history_digests(self, agent_ids: Collection[str]) -> dict[str, str]:
        digests: dict[str, str] = {}
        for chunk in chunked(agent_ids):
            statement = select(metric_agent.c.agent_id, metric_agent.c.team_history_digest).where(
                metric_agent.c.agent_id.in_(chunk)
            )
            digests.update({row["agent_id"]: row["team_history_digest"] for row in await self._rows(statement)})
        return digests

    async def save_team_history_digests(self, digests: dict[str, str]) -> None:
        await self.delete_keys(metric_agent, [(agent_id,) for agent_id in digests])
        await self.insert(metric_agent, [{"agent_id": key, "team_history_digest": value} for key, value in digests.items()])

    async def rows_where_in(self, table: Table, column: str, values: Collection[Any]) -> list[Row]:
        """Rows of a metric table whose ``column`` is one of ``values``."""
        rows: list[Row] = []
        for chunk in chunked(values):
            rows.extend(await self._rows(select(table).where(table.c[column].in_(chunk))))
        return rows

    async def conversations_closing(self, after_us: int | None, until_us: int) -> list[Row]:
        """Conversation rows whose repeat window closes in (after, until]."""
        condition = metric_conversation.c.close_us <= until_us
        if after_us is not None:
            condition = and_(condition, metric_conversation.c.close_us > after_us)
        return await self._rows(select(metric_conversation).where(condition))

    async def conversation_labels(self, conversation_ids: Collection[str]) -> dict[str, ConversationLabels]:
        labels: dict[str, ConversationLabels] = {}
        table = metric_conversation
        for chunk in chunked(conversation_ids):
            statement = select(table.c.conversation_id, table.c.channel, table.c.category).where(
                table.c.conversation_id.in_(chunk)
            )
            for row in await self._rows(statement):
                labels[row["conversation_id"]] = ConversationLabels(row["channel"], row["category"])
        return labels

    async def customer_ids(self) -> list[str]:
        statement = select(metric_conversation.c.customer_id).distinct()
        return sorted((await self.session.exec(statement)).scalars().all())

    async def insert(self, table: Table, rows: Sequence[Row]) -> None:
        if rows:
            await self.session.exec(table.insert(), params=list(rows))

    async def delete_keys(self, table: Table, keys: Collection[tuple[Any, ...]]) -> None:
        """Delete rows by primary key (one executemany)."""
        if not keys:
            return
        columns = list(table.primary_key.columns)
        condition = and_(*(column == bindparam(f"key_{column.name}") for column in columns))
        params = [{f"key_{column.name}": value for column, value in zip(columns, key, strict=True)} for key in sorted(keys)]
        await self.session.exec(delete(table).where(condition), params=params)

    async def delete_where_in(self, table: Table, column: str, values: Collection[Any]) -> None:
        for chunk in chunked(values):
            await self.session.exec(delete(table).where(table.c[column].in_(chunk)))

    async def clear(self, tables: Iterable[Table]) -> None:
        for table in tables:
            await self.session.exec(delete(table))

