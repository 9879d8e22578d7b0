"""Conversations waiting in a queue: kept per conversation by the batch hook, counted by the waiting rules.

A conversation waits from its first ``conversation.queued`` until it is assigned or ends. The
hook re-reads the lifecycle of the batch's conversations and keeps ``alert_waiting`` to match.
A waiting rule (``conversation_waiting``, threshold N minutes) counts, in its scope, the
conversations that have waited longer than N minutes at the evaluation instant; one or more
raises its alert, none clears it. Waiting rules are evaluated after every commit that touched
the window state, whatever the scope, since time passing alone makes a conversation cross.
"""

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import AlertWaiting
from server.alerts.rules import ScopeKind
from server.alerts.windows import ScopeKey
from server.conversations.models import ConversationEvent
from server.kernel.events import EventType
from server.metrics.api import metric_conversation

CHUNK = 500
QUEUED, ASSIGNED, ENDED = EventType.CONVERSATION_QUEUED.value, EventType.CONVERSATION_ASSIGNED.value, EventType.CONVERSATION_ENDED.value


async def keep_waiting(session: AsyncSession, conversation_ids: Sequence[str]) -> None:
    """Bring ``alert_waiting`` up to date for these conversations (flush only)."""
    ordered = sorted(conversation_ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        events = (await session.execute(
            select(col(ConversationEvent.conversation_id), col(ConversationEvent.type), col(ConversationEvent.ts_us))
            .where(col(ConversationEvent.conversation_id).in_(chunk), col(ConversationEvent.type).in_([QUEUED, ASSIGNED, ENDED]))
        )).all()
        queued: dict[str, int] = {}
        over: set[str] = set()
        for conversation_id, kind, ts_us in events:
            if kind == QUEUED:
                queued[conversation_id] = min(ts_us, queued.get(conversation_id, ts_us))
            else:
                over.add(conversation_id)
        waiting = {conversation_id: at for conversation_id, at in queued.items() if conversation_id not in over}
        await session.execute(delete(AlertWaiting).where(col(AlertWaiting.conversation_id).in_(chunk)))
        if not waiting:
            continue
        labels = {
            row[0]: (row[1], row[2]) for row in (await session.execute(
                select(metric_conversation.c.conversation_id, metric_conversation.c.channel, metric_conversation.c.category)
                .where(metric_conversation.c.conversation_id.in_(sorted(waiting)))
            )).all()
        }
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        rows = [
            {"conversation_id": conversation_id, "queued_at_us": at,
             "channel": labels.get(conversation_id, (None, None))[0], "category": labels.get(conversation_id, (None, None))[1]}
            for conversation_id, at in sorted(waiting.items())
        ]
        await session.execute(insert(AlertWaiting.__table__).on_conflict_do_nothing(), rows)  # type: ignore[attr-defined]


async def waiting_counts(session: AsyncSession, scope_kind: str, queued_before_us: int) -> dict[ScopeKey, int]:
    """Per scope of ``scope_kind``, the conversations queued before ``queued_before_us`` and still waiting."""
    column = {ScopeKind.CHANNEL: col(AlertWaiting.channel), ScopeKind.CATEGORY: col(AlertWaiting.category)}.get(ScopeKind(scope_kind))
    if column is None:
        total = (await session.execute(
            select(func.count()).select_from(AlertWaiting).where(col(AlertWaiting.queued_at_us) < queued_before_us)
        )).scalar_one()
        return {(ScopeKind.ORGANISATION.value, ""): int(total)}
    rows = (await session.execute(
        select(column, func.count()).where(col(AlertWaiting.queued_at_us) < queued_before_us, column.is_not(None)).group_by(column)
    )).all()
    return {(scope_kind, str(value)): int(count) for value, count in rows}
