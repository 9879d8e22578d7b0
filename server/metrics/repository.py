"""Reads of the event tables for fact computation, and reads/writes of the metric tables.

Every read takes whole sets of keys (chunked IN lists) and every write is one
executemany, so the cost of a batch does not grow with round trips per row.
"""

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, and_, bindparam, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.db import insert_sql
from server.ingestion.models import StoredEvent
from server.kernel.events import EventType
from server.knowledge.models import KbArticleOpen, KbSearch
from server.metrics.models import metric_agent, metric_conversation
from server.metrics.repeats import RepeatCandidate
from server.metrics.search_facts import ConversationLabels
from server.org.teams import Membership
from server.metrics.timeline import (
    ArticleOpenEvent, ConversationTimeline, FeedbackEvent, LifecycleEvent, MessageEvent, SearchEvent,
    SearchTimeline, TransferEvent,
)
from server.org.models import AgentMembership

CHUNK = 2000
COUNTED_SENDERS = ("customer", "agent")
"""Bot and system messages neither open nor close a customer block: they are not read."""
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
TIMELINE_READS = (
    (
        (LIFECYCLE.c.conversation_id, LIFECYCLE.c.ts_us, LIFECYCLE.c.event_id, LIFECYCLE.c.type, LIFECYCLE.c.channel,
         LIFECYCLE.c.customer_id, LIFECYCLE.c.category, LIFECYCLE.c.direction, LIFECYCLE.c.agent_id,
         LIFECYCLE.c.transfer_id, LIFECYCLE.c.resolution),
        LIFECYCLE, "lifecycle", LifecycleEvent,
    ),
    ((TRANSFER.c.conversation_id, TRANSFER.c.ts_us, TRANSFER.c.event_id, TRANSFER.c.transfer_id), TRANSFER, "transfers", TransferEvent),
    ((MESSAGE.c.conversation_id, MESSAGE.c.ts_us, MESSAGE.c.event_id, MESSAGE.c.sender, MESSAGE.c.agent_id), MESSAGE,
     "messages", MessageEvent),
    ((FEEDBACK.c.conversation_id, FEEDBACK.c.ts_us, FEEDBACK.c.event_id, FEEDBACK.c.csat, FEEDBACK.c.nps,
      FEEDBACK.c.resolved), FEEDBACK, "feedback", FeedbackEvent),
)
"""Per timeline table: the columns read (conversation id first), the table, the timeline's list, the record type."""


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

    async def _result(self, statement: Any) -> Any:
        """Execute a Core statement on the session's connection (its transaction, no ORM layer)."""
        connection = await self.session.connection()
        return await connection.execute(statement)

    async def _rows(self, statement: Any) -> list[Row]:
        return [dict(row) for row in (await self._result(statement)).mappings().all()]

    async def _scalar(self, statement: Any) -> Any:
        return (await self.session.exec(statement)).scalar_one()

    async def watermark_us(self) -> int | None:
        """The greatest ``ts`` among all accepted events."""
        return await self._scalar(select(func.max(EVENT.c.ts_us)))

    async def event_seq(self) -> int | None:
        """The greatest event sequence number: changes whenever an event is stored."""
        return await self._scalar(select(func.max(EVENT.c.seq)))

    async def _tuples(self, statement: Any) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in (await self._result(statement)).all()]

    async def timelines(self, conversation_ids: Collection[str]) -> dict[str, ConversationTimeline]:
        """The stored lifecycle, transfer, message and feedback events of each conversation."""
        timelines = {conversation_id: ConversationTimeline(conversation_id) for conversation_id in conversation_ids}
        for chunk in chunked(conversation_ids):
            await self._read_timelines(timelines, lambda column: column.in_(chunk))  # noqa: B023  (called before the next chunk)
        return timelines

    async def timelines_of_run(self, run: Sequence[str]) -> dict[str, ConversationTimeline]:
        """``timelines`` of consecutive ids of ``started_conversation_ids()``, read as one id range.

        In the database's own order, the range from the run's first to its last id holds
        these conversations and no other started one (events of conversations never
        started are skipped): one index range scan per table instead of a probe per id.
        """
        timelines = {conversation_id: ConversationTimeline(conversation_id) for conversation_id in run}
        if run:
            await self._read_timelines(timelines, lambda column: column.between(run[0], run[-1]))
        return timelines

    async def _read_timelines(
        self, timelines: dict[str, ConversationTimeline], condition: Callable[[Any], ColumnElement[bool]]
    ) -> None:
        for columns, table, attribute, record in TIMELINE_READS:
            statement = select(*columns).where(condition(table.c.conversation_id))
            if table is MESSAGE:
                statement = statement.where(MESSAGE.c.sender.in_(COUNTED_SENDERS))
            for row in await self._tuples(statement):
                timeline = timelines.get(row[0])
                if timeline is not None:
                    getattr(timeline, attribute).append(record(*row[1:]))

    async def started_conversation_ids(self) -> list[str]:
        """Every started conversation, in the database's order of the id column (see ``timelines_of_run``)."""
        statement = select(LIFECYCLE.c.conversation_id).where(LIFECYCLE.c.type == EventType.CONVERSATION_STARTED).distinct()
        return list((await self.session.exec(statement.order_by(LIFECYCLE.c.conversation_id))).scalars().all())

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
        memberships: list[Membership] = []
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

    async def repeat_candidates(self, customer_ids: Collection[str]) -> list[tuple[RepeatCandidate, bool]]:
        """Every conversation of these customers as repeat detection sees it, with its stored repeat flag."""
        table = metric_conversation
        columns = (
            table.c.conversation_id, table.c.customer_id, table.c.category, table.c.direction, table.c.start_us,
            table.c.end_us, table.c.repeat_contact,
        )
        found = []
        for chunk in chunked(customer_ids):
            for row in await self._tuples(select(*columns).where(table.c.customer_id.in_(chunk))):
                found.append((RepeatCandidate(*row[:6]), bool(row[6])))
        return found

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

    async def conversation_count(self) -> int:
        return await self._scalar(select(func.count()).select_from(metric_conversation))

    async def customer_ids(self) -> list[str]:
        statement = select(metric_conversation.c.customer_id).distinct()
        return sorted((await self.session.exec(statement)).scalars().all())

    async def insert(self, table: Table, rows: Sequence[Row]) -> None:
        """Bulk insert: ``COPY`` on PostgreSQL (in the session's transaction), the driver's executemany on SQLite.

        Rows hold plain values (no type processing happens): str, int, bool, bytes, None.
        """
        if not rows:
            return
        columns = [column.name for column in table.columns]
        connection = await self.session.connection()
        dialect = self.session.bind.dialect
        if dialect.name != "postgresql":  # the driver's executemany: no per-row processing
            await connection.exec_driver_sql(insert_sql(dialect, table, columns), [tuple(row[name] for name in columns) for row in rows])
            return
        driver = (await connection.get_raw_connection()).driver_connection
        async with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                await copy.write_row([row[name] for name in columns])

    async def delete_keys(self, table: Table, keys: Collection[tuple[Any, ...]]) -> None:
        """Delete rows by primary key (one executemany)."""
        if not keys:
            return
        columns = list(table.primary_key.columns)
        condition = and_(*(column == bindparam(f"key_{column.name}") for column in columns))
        params = [{f"key_{column.name}": value for column, value in zip(columns, key, strict=True)} for key in sorted(keys)]
        await self.session.exec(delete(table).where(condition), params=params)

    async def clear(self, tables: Iterable[Table]) -> None:
        for table in tables:
            await self.session.exec(delete(table))

