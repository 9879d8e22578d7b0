"""Retention and erasure: anonymise what is due, purge the old audit log, keep erased customers erased.

Services flush only; the caller's transaction (an activity, a request) commits.
"""

from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.service import record_event
from server.audit.trail import AuditAction, AuditSubject
from server.authz.identity import Principal
from server.ingestion.hooks import TouchedKeys
from server.kernel.events import EventType
from server.retention.models import CustomerErasure
from server.retention.policy import DataClass, RetentionPolicy
from server.retention.repository import RetentionRepository
from server.retention.scrub import PERSONAL_MEMBERS

RETENTION_PRINCIPAL = Principal("system:retention", frozenset({"system"}))


@dataclass
class RetentionReport:
    """What one retention run changed, per data class."""

    messages_anonymised: int = 0
    comments_anonymised: int = 0
    customers_anonymised: int = 0
    search_queries_anonymised: int = 0
    raw_events_scrubbed: int = 0
    audit_entries_purged: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


async def apply_retention(session: AsyncSession, policy: RetentionPolicy, *, now_us: int, request_id: str = "retention") -> RetentionReport:
    """Apply every class's rule as of ``now_us`` (flush only); the run itself is audited."""
    repository = RetentionRepository(session)
    report = RetentionReport()
    message_cutoff = policy.rule(DataClass.MESSAGE_TEXT).cutoff_us(now_us)
    if message_cutoff is not None:
        report.messages_anonymised = await repository.clear_message_text(before_us=message_cutoff)
        report.comments_anonymised = await repository.clear_feedback_comments(before_us=message_cutoff)
        report.raw_events_scrubbed += await repository.scrub_events([EventType.MESSAGE_SENT, EventType.FEEDBACK_SUBMITTED], before_us=message_cutoff)
    customer_cutoff = policy.rule(DataClass.CUSTOMER_PERSONAL).cutoff_us(now_us)
    if customer_cutoff is not None:
        stale = await repository.stale_customers(customer_cutoff)
        report.customers_anonymised = await repository.clear_customer_personal(stale)
        if stale:
            report.raw_events_scrubbed += await repository.scrub_events([EventType.CUSTOMER_UPSERTED], customer_ids=set(stale))
    raw_cutoff = policy.rule(DataClass.RAW_EVENTS).cutoff_us(now_us)
    if raw_cutoff is not None:
        report.raw_events_scrubbed += await repository.scrub_events(PERSONAL_MEMBERS.keys(), before_us=raw_cutoff)
        report.search_queries_anonymised = await repository.clear_search_queries(raw_cutoff)
    audit_cutoff = policy.rule(DataClass.AUDIT_LOG).cutoff_us(now_us)
    if audit_cutoff is not None:
        report.audit_entries_purged = await repository.purge_audit(audit_cutoff)
    record_event(
        session, principal=RETENTION_PRINCIPAL, request_id=request_id, action=AuditAction.RETENTION,
        object_type="RetentionRun", detail={"now_us": now_us, **report.as_dict()},
    )
    await session.flush()
    return report


@dataclass
class ErasureReport:
    customer_id: str
    erased_at_us: int
    personal_records_cleared: int = 0
    messages_cleared: int = 0
    comments_cleared: int = 0
    raw_events_scrubbed: int = 0
    conversation_ids: set[str] = field(default_factory=set)


async def _erase_content(repository: RetentionRepository, customer_ids: set[str], conversation_ids: set[str], report: ErasureReport) -> None:
    report.personal_records_cleared += await repository.clear_customer_personal(customer_ids)
    report.raw_events_scrubbed += await repository.scrub_events([EventType.CUSTOMER_UPSERTED], customer_ids=customer_ids)
    if conversation_ids:
        report.messages_cleared += await repository.clear_message_text(conversation_ids=conversation_ids, sender="customer")
        report.comments_cleared += await repository.clear_feedback_comments(conversation_ids=conversation_ids)
        report.raw_events_scrubbed += await repository.scrub_events(
            [EventType.MESSAGE_SENT], conversation_ids=conversation_ids, sender="customer"
        )
        report.raw_events_scrubbed += await repository.scrub_events([EventType.FEEDBACK_SUBMITTED], conversation_ids=conversation_ids)


async def erase_customer(
    session: AsyncSession, customer_id: str, *, principal: Principal, request_id: str, now_us: int
) -> ErasureReport:
    """Erase a customer's personal data and what they wrote, and remember it for later imports (flush only)."""
    existing = await session.get(CustomerErasure, customer_id)
    erased_at_us = existing.erased_at_us if existing else now_us
    if existing is None:
        session.add(CustomerErasure(customer_id=customer_id, requested_by=principal.subject, erased_at_us=now_us))
    repository = RetentionRepository(session)
    report = ErasureReport(customer_id=customer_id, erased_at_us=erased_at_us)
    report.conversation_ids = await repository.conversations_of({customer_id})
    await _erase_content(repository, {customer_id}, report.conversation_ids, report)
    record_event(
        session, principal=principal, request_id=request_id, action=AuditAction.ERASURE, object_type="Customer",
        subject=AuditSubject("customer", customer_id),
        detail={"messages": report.messages_cleared, "raw_events": report.raw_events_scrubbed},
    )
    await session.flush()
    return report


async def keep_erased_customers_erased(session: AsyncSession, touched: TouchedKeys) -> None:
    """Ingestion batch hook: data of erased customers that a (re-)import brought in is erased before commit."""
    repository = RetentionRepository(session)
    every_erased = await repository.every_erased()  # looked up from the erasures: an import batch touches far more
    if not every_erased:
        return
    started = await repository.started_by(every_erased)
    erased = touched.customer_ids & every_erased
    erased.update(customer for conversation, customer in started.items() if conversation in touched.conversation_ids)
    if not erased:
        return
    conversations = {conversation for conversation, customer in started.items() if customer in erased}
    report = ErasureReport(customer_id="", erased_at_us=0)
    await _erase_content(repository, erased, conversations, report)
    await session.flush()
