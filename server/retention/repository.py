"""The statements retention and erasure run: anonymise in place, purge the audit log, scrub raw payloads."""

from collections.abc import Collection, Iterable

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry, AuditPurgeHorizon
from server.conversations.models import ConversationEvent, Feedback, Message
from server.ingestion.models import EventConflict, StoredEvent
from server.kernel.events import EventType
from server.knowledge.models import KbSearch
from server.org.models import CustomerPersonal
from server.retention.models import CustomerErasure
from server.retention.scrub import PERSONAL_MEMBERS, payload_value, scrub_payload

SCAN_BATCH = 1000
STARTED = EventType.CONVERSATION_STARTED
IN_LIST_CHUNK = 5000  # ids per IN list: under SQLite's 32766 parameters


def _mentions(payload: ColumnElement, members: Iterable[str]) -> ColumnElement[bool]:
    """A cheap pre-filter: the payload text contains one of the member names as a JSON key."""
    return or_(*(payload.contains(f'"{member}"') for member in members))


class RetentionRepository:
    """Anonymising and purging statements; the caller's transaction commits them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def clear_message_text(self, *, before_us: int | None = None, conversation_ids: Collection[str] | None = None,
                                 sender: str | None = None) -> int:
        statement = update(Message).where(Message.text.is_not(None)).values(text=None)
        if before_us is not None:
            statement = statement.where(Message.ts_us < before_us)
        if conversation_ids is not None:
            statement = statement.where(Message.conversation_id.in_(sorted(conversation_ids)))
        if sender is not None:
            statement = statement.where(Message.sender == sender)
        return (await self.session.execute(statement)).rowcount or 0

    async def clear_feedback_comments(self, *, conversation_ids: Collection[str] | None = None, before_us: int | None = None) -> int:
        statement = update(Feedback).where(Feedback.comment.is_not(None)).values(comment=None)
        if conversation_ids is not None:
            statement = statement.where(Feedback.conversation_id.in_(sorted(conversation_ids)))
        if before_us is not None:
            statement = statement.where(Feedback.ts_us < before_us)
        return (await self.session.execute(statement)).rowcount or 0

    async def clear_search_queries(self, before_us: int) -> int:
        """Knowledge-base search text (NOT NULL) becomes empty."""
        statement = update(KbSearch).where(KbSearch.ts_us < before_us, KbSearch.query != "").values(query="")
        return (await self.session.execute(statement)).rowcount or 0

    async def stale_customers(self, before_us: int) -> list[str]:
        """Customers with personal data whose last upsert and last conversation both lie before ``before_us``."""
        last_contact = (
            select(ConversationEvent.customer_id, func.max(ConversationEvent.ts_us).label("last_us"))
            .where(ConversationEvent.type == STARTED)
            .group_by(ConversationEvent.customer_id)
            .subquery("last_contact")
        )
        personal_present = or_(CustomerPersonal.name.is_not(None), CustomerPersonal.phone.is_not(None), CustomerPersonal.email.is_not(None))
        statement = (
            select(CustomerPersonal.customer_id)
            .outerjoin(last_contact, last_contact.c.customer_id == CustomerPersonal.customer_id)
            .where(personal_present, CustomerPersonal.ts_us < before_us)
            .where(or_(last_contact.c.last_us.is_(None), last_contact.c.last_us < before_us))
            .order_by(CustomerPersonal.customer_id)
        )
        return list((await self.session.execute(statement)).scalars().all())

    async def clear_customer_personal(self, customer_ids: Collection[str]) -> int:
        if not customer_ids:
            return 0
        statement = (
            update(CustomerPersonal)
            .where(CustomerPersonal.customer_id.in_(sorted(customer_ids)))
            .where(or_(CustomerPersonal.name.is_not(None), CustomerPersonal.phone.is_not(None), CustomerPersonal.email.is_not(None)))
            .values(name=None, phone=None, email=None)
        )
        return (await self.session.execute(statement)).rowcount or 0

    async def conversations_of(self, customer_ids: Collection[str]) -> set[str]:
        statement = select(ConversationEvent.conversation_id).where(
            ConversationEvent.type == STARTED, ConversationEvent.customer_id.in_(sorted(customer_ids))
        )
        return set((await self.session.execute(statement)).scalars().all())

    async def every_erased(self) -> set[str]:
        """Every erased customer (a short list: one row per erasure request)."""
        return set((await self.session.execute(select(CustomerErasure.customer_id))).scalars().all())

    async def started_by(self, customer_ids: Collection[str]) -> dict[str, str]:
        """Conversation id → customer id of every conversation these customers started (by the customer index)."""
        ordered, started = sorted(customer_ids), dict[str, str]()
        for start in range(0, len(ordered), IN_LIST_CHUNK):
            statement = select(ConversationEvent.conversation_id, ConversationEvent.customer_id).where(
                ConversationEvent.type == STARTED, ConversationEvent.customer_id.in_(ordered[start : start + IN_LIST_CHUNK])
            )
            started.update((row.conversation_id, row.customer_id) for row in await self.session.execute(statement))
        return started

    async def purge_audit(self, before_us: int) -> int:
        """Move the audit log's purge horizon forward (never back) and delete what lies before it."""
        horizon = await self.session.get(AuditPurgeHorizon, 1)
        if horizon.purge_before_us < before_us:
            horizon.purge_before_us = before_us
            await self.session.flush()
        statement = delete(AuditEntry).where(AuditEntry.at_us < horizon.purge_before_us)
        return (await self.session.execute(statement)).rowcount or 0

    async def scrub_events(
        self,
        types: Collection[str],
        *,
        before_us: int | None = None,
        conversation_ids: Collection[str] | None = None,
        customer_ids: Collection[str] | None = None,
        sender: str | None = None,
        members: Collection[str] | None = None,
    ) -> int:
        """Remove personal members from stored raw events (and conflicting re-sends) that match; returns rows rewritten."""
        rewritten = 0
        for event_type in sorted(types):
            wanted = members if members is not None else PERSONAL_MEMBERS[event_type]
            rewritten += await self._scrub_stored(event_type, wanted, before_us, conversation_ids, customer_ids, sender)
            rewritten += await self._scrub_conflicts(event_type, wanted, before_us, conversation_ids, customer_ids, sender)
        return rewritten

    @staticmethod
    def _matches(payload: str, conversation_ids: Collection[str] | None, customer_ids: Collection[str] | None,
                 sender: str | None) -> bool:
        if conversation_ids is not None and payload_value(payload, "conversation_id") not in conversation_ids:
            return False
        if customer_ids is not None and payload_value(payload, "customer_id") not in customer_ids:
            return False
        return sender is None or payload_value(payload, "sender") == sender

    async def _scrub_stored(self, event_type: str, members: Collection[str], before_us: int | None,
                            conversation_ids: Collection[str] | None, customer_ids: Collection[str] | None,
                            sender: str | None) -> int:
        rewritten, after_seq = 0, 0
        while True:
            statement = (
                select(StoredEvent.seq, StoredEvent.payload)
                .where(StoredEvent.type == event_type, StoredEvent.seq > after_seq, _mentions(StoredEvent.payload, members))
                .order_by(StoredEvent.seq)
                .limit(SCAN_BATCH)
            )
            if before_us is not None:
                statement = statement.where(StoredEvent.ts_us < before_us)
            if conversation_ids is not None:
                statement = statement.where(StoredEvent.conversation_id.in_(sorted(conversation_ids)))
            rows = (await self.session.execute(statement)).all()
            for seq, payload in rows:
                scrubbed = scrub_payload(payload, members) if self._matches(payload, conversation_ids, customer_ids, sender) else None
                if scrubbed is not None:
                    await self.session.execute(update(StoredEvent).where(StoredEvent.seq == seq).values(payload=scrubbed))
                    rewritten += 1
            if len(rows) < SCAN_BATCH:
                return rewritten
            after_seq = rows[-1][0]

    async def _scrub_conflicts(self, event_type: str, members: Collection[str], before_us: int | None,
                               conversation_ids: Collection[str] | None, customer_ids: Collection[str] | None,
                               sender: str | None) -> int:
        statement = select(EventConflict.seq, EventConflict.payload).where(
            EventConflict.payload.contains(f'"{event_type}"'), _mentions(EventConflict.payload, members)
        )
        if before_us is not None:
            statement = statement.where(EventConflict.received_at_us < before_us)
        rewritten = 0
        for seq, payload in (await self.session.execute(statement)).all():
            if payload_value(payload, "type") != event_type or not self._matches(payload, conversation_ids, customer_ids, sender):
                continue
            scrubbed = scrub_payload(payload, members)
            if scrubbed is not None:
                await self.session.execute(update(EventConflict).where(EventConflict.seq == seq).values(payload=scrubbed))
                rewritten += 1
        return rewritten
