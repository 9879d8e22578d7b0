"""Manual review, finding verdicts, disputes and the QA metric keys, on hand-computed conversations."""

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry
from server.authz.identity import Principal
from server.config import Settings
from server.errors import Forbidden
from server.ingestion.service import ingest_events
from server.kernel.payloads import InvalidState
from server.metrics.api import Dimension, MetricRow
from server.notifications.models import OutboxEntry
from server.quality.metrics import QaMetricsRequest, compute_qa_metrics
from server.quality.models import QaConversationFact, QaFinding, QaReview
from server.quality.reviewing import DAY_US, Actor, open_dispute, override_finding, resolve_dispute, submit_review
from server.quality.scoring import score_conversations
from server.timefmt import now_us
from tests.quality.ingest import DIRECTORY, chat, complete_pending
from tests.quality.test_auto_qa import CAREFUL, RISKY

REVIEWER = Actor(Principal("rev-1", frozenset({"qa_reviewer"})), "req-1")
AGENT = Actor(Principal("agent-1", frozenset({"agent"})), "req-2")
MANAGER = Actor(Principal("lead-1", frozenset({"manager"}), frozenset({"team-1"})), "req-3")
ALL_GOOD = {
    "polite_phrases": 1, "first_contact_resolution": 1, "no_wrong_information": 1, "key_information": None,
    "response_time": 1, "handle_time": 1, "csat": 1, "no_negative_feedback": 1,
}
PERIOD = QaMetricsRequest(from_us=0, to_us=4_000_000_000_000_000)


def events() -> list[dict]:
    # risky: critical → 0; careful (csat 5) → 100; calm (agent-2, csat 1): experience (10·0 + 5·1)/15 = 1/3 → 60 + 25 + 5 = 90
    return DIRECTORY + chat("risky", RISKY, csat=5) + chat("careful", CAREFUL, csat=5) + chat("calm", CAREFUL, agent="agent-2", csat=1)


def values(rows: list[MetricRow]) -> list[tuple]:
    return [
        (tuple(row.dimensions.values()), *(round(v.value, 6) if isinstance(v.value, float) else v.value for v in row.values.values()))
        for row in rows
    ]


@pytest.mark.parametrize("order", ["forward", "reversed in batches of 4"])
async def test_metric_keys_hand_computed_and_order_independent(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, order: str) -> None:
    stream = events() if order == "forward" else DIRECTORY + list(reversed(events()[3:]))
    await ingest_events(sessionmaker, stream, settings=settings, batch_size=None if order == "forward" else 4)
    await complete_pending(sessionmaker, settings)
    async with sessionmaker() as session:
        # (0 + 100 + 90)/3; 3 scored; 1/3 critical; 1/3 compliance; 0 negative
        assert values(await compute_qa_metrics(session, PERIOD, zone=settings.zone)) == [
            ((), 63.333333, 3, 0.333333, 0.333333, 0.0)
        ]
        by_agent = QaMetricsRequest(PERIOD.from_us, PERIOD.to_us, (Dimension.AGENT, Dimension.DAY))
        assert values(await compute_qa_metrics(session, by_agent, zone=settings.zone)) == [
            (("agent-1", "2026-03-02"), 50.0, 2, 0.5, 0.5, 0.0),
            (("agent-2", "2026-03-02"), 90.0, 1, 0.0, 0.0, 0.0),
        ]


async def test_manual_review_override_dispute_and_amendment(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest_events(sessionmaker, events(), settings=settings)
    await complete_pending(sessionmaker, settings)
    start = now_us()
    async with sessionmaker() as session:
        manual = await submit_review(session, REVIEWER, "risky", ALL_GOOD, now_us=start, comment="话术规范")
        assert (manual.kind, manual.score_milli, manual.compliance_violations, manual.scorecard_version) == ("manual", 100_000, 1, 1)
        fact = await session.get(QaConversationFact, "risky")
        assert (fact.review_id, fact.manual, fact.compliance_violation) == (manual.review_id, True, True)
        [finding] = (await session.execute(select(QaFinding).where(QaFinding.conversation_id == "risky", QaFinding.compliance.is_(True)))).scalars().all()  # type: ignore[attr-defined]
        await override_finding(session, REVIEWER, finding, "overridden", "客户引用的是合同原文", now_us=start)
        # the overridden finding no longer counts as a violation of the conversation
        assert fact.compliance_violation is False
        # a rule change re-scores automatic scores only: the manual score stays final
        await score_conversations(session, ["risky"], now_us=start + 1)
        assert (await session.get(QaConversationFact, "risky")).review_id == manual.review_id
        # (100 + 100 + 90)/3 with the manual score; critical 0; the re-score carries the verdict: compliance 0
        rescored = (await session.execute(select(QaReview).where(QaReview.conversation_id == "risky", QaReview.kind == "auto").order_by(QaReview.created_at_us.desc()))).scalars().first()
        # with the compliance finding overridden, the automatic score is no longer a critical failure: 100
        assert (rescored.compliance_violations, rescored.critical_failed, rescored.score_milli) == (0, False, 100_000)
        assert (await session.get(QaConversationFact, "risky")).compliance_violation is False
        [row] = await compute_qa_metrics(session, PERIOD, zone=settings.zone)
        assert (round(row.values["qa_score_avg"].value, 6), row.values["qa_critical_fail_rate"].value) == (96.666667, 0.0)
        assert row.values["compliance_violation_rate"].value == 0.0

        with pytest.raises(Forbidden):
            await open_dispute(session, MANAGER, manual, "不同意", window_days=7, now_us=start)
        with pytest.raises(InvalidState):
            await open_dispute(session, AGENT, manual, "不同意", window_days=7, now_us=start + 7 * DAY_US + 1)
        dispute = await open_dispute(session, AGENT, manual, "已按流程提示风险", window_days=7, now_us=start + DAY_US)
        with pytest.raises(InvalidState):
            await open_dispute(session, AGENT, manual, "再次申诉", window_days=7, now_us=start + DAY_US)
        [entry] = (await session.execute(select(OutboxEntry).where(OutboxEntry.kind == "qa.dispute"))).scalars().all()
        assert entry.subject_id == dispute.dispute_id
        amended_items = {**ALL_GOOD, "csat": 0.5}
        await resolve_dispute(session, MANAGER, dispute, "amended", "满意度按一半计", now_us=start + 2 * DAY_US,
                              amended_items=amended_items)
        # amended: experience (10·½ + 5·1)/15 = 2/3 → 60 + 25 + 10 = 95
        amended = await session.get(QaReview, dispute.amended_review_id)
        assert (amended.score_milli, amended.supersedes, dispute.status) == (95_000, manual.review_id, "amended")
        assert (await session.get(QaConversationFact, "risky")).review_id == amended.review_id
        history = (await session.execute(select(QaReview.kind).where(QaReview.conversation_id == "risky").order_by(QaReview.created_at_us))).scalars().all()
        assert history == ["auto", "manual", "auto", "manual"]
        with pytest.raises(InvalidState):
            await resolve_dispute(session, MANAGER, dispute, "upheld", "", now_us=start + 3 * DAY_US)
        audited = (await session.execute(select(AuditEntry.object_type).where(AuditEntry.action == "quality_change"))).scalars().all()
        assert sorted(audited) == ["QaDispute", "QaDispute", "QaFinding", "QaReview", "QaReview"]
