"""Auto-QA in one transaction: score ended conversations, store reviews and findings, keep the final-score fact,
publish ``quality.scored`` / ``quality.finding`` and write a ``qa.finding`` outbox entry when a score needs a look.

Runs after the ingest commit (the ``quality.score`` intent, the re-scoring workflow), never inside it.
"""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.kernel.domain_events import publish
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import ManagersOf, RecipientRule
from server.quality.engine import CheckResult, ConversationRecord, check_conversation
from server.quality.events import COMPLIANCE_FINDING, CONVERSATION_SCORED, ComplianceFinding, ConversationScored
from server.quality.models import QaConversationFact, QaFinding, QaReview
from server.quality.records import load_ended
from server.quality.scorecard import automatic_values, score, values_json
from server.quality.versions import DEFAULT_SCORECARD_ID, ScorecardVersion, current_rules, ensure_default_scorecard, scorecard_version

OVERRIDDEN = "overridden"
AUTO = "auto"
MANUAL = "manual"
CALIBRATION = "calibration"


def new_id() -> str:
    return uuid.uuid4().hex


async def latest_manual(session: AsyncSession, conversation_id: str) -> QaReview | None:
    """The conversation's latest manual review (calibration scores are not reviews of record)."""
    statement = (
        select(QaReview).where(QaReview.conversation_id == conversation_id, QaReview.kind == MANUAL)
        .order_by(QaReview.created_at_us.desc(), QaReview.review_id.desc()).limit(1)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def set_final(session: AsyncSession, record: ConversationRecord, review: QaReview, *, now_us: int) -> None:
    """Make ``review`` the conversation's final score (its fact row) and publish ``quality.scored``."""
    fact = await session.get(QaConversationFact, record.conversation_id)
    if fact is None:
        fact = QaConversationFact(conversation_id=record.conversation_id, review_id=review.review_id, score_milli=0,
                                  channel="", category="", end_us=0)
        session.add(fact)
    fact.review_id = review.review_id
    fact.manual = review.kind == MANUAL
    fact.agent_id, fact.team_id = record.agent_id, record.team_id
    fact.channel, fact.category = record.channel or "", record.category or ""
    fact.end_us = record.end_us or record.start_us
    fact.score_milli = review.score_milli
    fact.critical_failed = review.critical_failed
    fact.compliance_violation = review.compliance_violations > 0
    fact.negative_sentiment = review.negative_sentiment
    await session.flush()
    await publish(session, CONVERSATION_SCORED, ConversationScored(
        conversation_id=record.conversation_id, agent_id=record.agent_id, team_id=record.team_id,
        score=review.score_milli / 1000, critical_failed=review.critical_failed,
        compliance_violations=tuple(sorted({f.rule_id for f in await findings_of(session, review.review_id) if f.compliance and f.verdict != OVERRIDDEN})),
        negative_sentiment=review.negative_sentiment, manual=review.kind == MANUAL, scored_at_us=now_us,
    ))


async def findings_of(session: AsyncSession, review_id: str) -> list[QaFinding]:
    statement = select(QaFinding).where(QaFinding.review_id == review_id).order_by(QaFinding.finding_id)
    return list((await session.execute(statement)).scalars())


def _findings(review_id: str, record: ConversationRecord, check: CheckResult) -> list[QaFinding]:
    return [
        QaFinding(
            finding_id=f"{review_id}-{index}", review_id=review_id, conversation_id=record.conversation_id,
            rule_id=finding.rule_id, severity=finding.severity, compliance=finding.compliance,
            message_event_id=finding.message_event_id, span_start=finding.span_start, span_end=finding.span_end,
            excerpt=finding.excerpt, detail=finding.detail,
        )
        for index, finding in enumerate(check.findings, start=1)
    ]


FindingKey = tuple[str, str | None, int | None, int | None]
Verdict = tuple[str | None, str | None, str | None, int | None]


def _finding_key(finding: QaFinding) -> FindingKey:
    return (finding.rule_id, finding.message_event_id, finding.span_start, finding.span_end)


async def _verdicts(session: AsyncSession, conversation_id: str) -> dict[FindingKey, Verdict]:
    """The verdicts given on the findings of the conversation's latest automatic review, carried to a re-score."""
    latest = (
        select(QaReview.review_id).where(QaReview.conversation_id == conversation_id, QaReview.kind == AUTO)
        .order_by(QaReview.created_at_us.desc(), QaReview.review_id.desc()).limit(1)
    ).scalar_subquery()
    statement = select(QaFinding).where(QaFinding.review_id == latest, QaFinding.verdict.is_not(None))
    return {
        _finding_key(f): (f.verdict, f.verdict_reason, f.verdict_by, f.verdict_at_us)
        for f in (await session.execute(statement)).scalars()
    }


async def _notify(session: AsyncSession, record: ConversationRecord, review: QaReview, compliance: list[str],
                  pass_score: int, *, now_us: int) -> None:
    rules: list[RecipientRule] = [ManagersOf(record.team_id)] if record.team_id else []
    await record_notification(session, OutboxMessage(
        kind="qa.finding", subject_kind="conversation", subject_id=record.conversation_id,
        payload={"review_id": review.review_id, "score": review.score_milli / 1000, "pass_score": pass_score,
                 "critical_failed": review.critical_failed, "compliance_rules": compliance, "agent_id": record.agent_id},
        dedup_key=f"qa.finding:{review.review_id}",
    ), rules, now_us=now_us)


async def score_record(
    session: AsyncSession, record: ConversationRecord, rules_version: int, check: CheckResult,
    card: ScorecardVersion, *, now_us: int,
) -> QaReview:
    """Store one automatic review with its findings; it becomes final unless a manual review exists.

    Verdicts given on the previous automatic review's findings carry over to the same findings
    (rule, message, span); an overridden finding neither lowers the score nor counts as a violation.
    """
    review_id = new_id()
    previous = await _verdicts(session, record.conversation_id)
    findings = _findings(review_id, record, check)
    for finding in findings:
        carried = previous.get(_finding_key(finding))
        if carried is not None:
            finding.verdict, finding.verdict_reason, finding.verdict_by, finding.verdict_at_us = carried
    standing = [f for f, kept in zip(check.findings, findings, strict=True) if kept.verdict != OVERRIDDEN]
    counted = CheckResult(standing, check.applied, check.negative_sentiment)
    result = score(card.card, automatic_values(card.card, record, counted))
    compliance = [f for f in findings if f.compliance and f.verdict != OVERRIDDEN]
    review = QaReview(
        review_id=review_id, conversation_id=record.conversation_id, kind=AUTO, rule_version=rules_version,
        scorecard_id=card.scorecard_id, scorecard_version=card.version, score_milli=result.score_milli,
        critical_failed=result.critical_failed, compliance_violations=len(compliance),
        negative_sentiment=check.negative_sentiment, items=values_json(result.items),
        agent_id=record.agent_id, team_id=record.team_id, created_at_us=now_us,
    )
    session.add(review)
    session.add_all(findings)
    await session.flush()
    for finding in compliance:
        await publish(session, COMPLIANCE_FINDING, ComplianceFinding(
            finding_id=finding.finding_id, conversation_id=record.conversation_id, agent_id=record.agent_id,
            team_id=record.team_id, rule_id=finding.rule_id, severity=finding.severity,
            message_id=finding.message_event_id, occurred_at_us=now_us,
        ))
    if await latest_manual(session, record.conversation_id) is None:
        await set_final(session, record, review, now_us=now_us)
    else:
        fact = await session.get(QaConversationFact, record.conversation_id)
        if fact is not None:
            fact.compliance_violation = bool(compliance)
    if compliance or result.score_milli < card.card.pass_score * 1000:
        await _notify(session, record, review, sorted({f.rule_id for f in compliance}), card.card.pass_score, now_us=now_us)
    return review


async def score_conversations(session: AsyncSession, conversation_ids: Sequence[str], *, now_us: int) -> list[QaReview]:
    """Score the ended conversations among ``conversation_ids`` with the current rules and default scorecard (flush only)."""
    rules = await current_rules(session, now_us=now_us)
    await ensure_default_scorecard(session, now_us=now_us)
    card = await scorecard_version(session, DEFAULT_SCORECARD_ID)
    assert card is not None
    reviews = []
    for record in await load_ended(session, conversation_ids):
        check = check_conversation(record, rules.rules)
        reviews.append(await score_record(session, record, rules.version, check, card, now_us=now_us))
    return reviews
