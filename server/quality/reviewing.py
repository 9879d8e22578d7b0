"""Manual review (人工质检), verdicts on auto-QA findings, disputes (申诉) and their arbitration; every change audited.

A manual review becomes the conversation's final score; earlier scores stay stored with
their rubric versions. A calibration score (with a session id) is never final. An agent may
dispute a manual review of their own within the window; the managers of the agent's team
uphold it or amend it with a new review that supersedes the disputed one.
"""

import json
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.service import record_event
from server.audit.trail import AuditAction, AuditSubject
from server.authz.identity import Principal
from server.errors import BadUserInput, Forbidden, NotFound
from server.kernel.payloads import InvalidState
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import ManagersOf, RecipientRule
from server.quality.models import QaConversationFact, QaDispute, QaFinding, QaReview
from server.quality.records import load_ended
from server.quality.scorecard import score, values_json
from server.quality.scoring import AUTO, CALIBRATION, MANUAL, new_id, set_final
from server.quality.versions import DEFAULT_SCORECARD_ID, ensure_default_scorecard, scorecard_version

VERDICTS = ("accepted", "overridden")
OPEN, UPHELD, AMENDED = "open", "upheld", "amended"
DAY_US = 86_400_000_000


@dataclass(frozen=True)
class Actor:
    """Who changes something, for the audit trail."""

    principal: Principal
    request_id: str

    @property
    def subject(self) -> str:
        return self.principal.subject


@dataclass(frozen=True)
class Annotation:
    message_id: str
    note: str


def audit_change(
    session: AsyncSession, actor: Actor, object_type: str, conversation_id: str | None, detail: dict[str, object]
) -> None:
    """One audit entry for a QA change (about a conversation, or none for rules, scorecards and plans)."""
    record_event(
        session, principal=actor.principal, request_id=actor.request_id, action=AuditAction.QUALITY_CHANGE,
        object_type=object_type, subject=AuditSubject("conversation", conversation_id) if conversation_id else None,
        detail=detail,
    )


async def latest_auto(session: AsyncSession, conversation_id: str) -> QaReview | None:
    statement = (
        select(QaReview).where(QaReview.conversation_id == conversation_id, QaReview.kind == AUTO)
        .order_by(QaReview.created_at_us.desc(), QaReview.review_id.desc()).limit(1)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def _standing_compliance(session: AsyncSession, review: QaReview | None) -> int:
    """Compliance findings of an automatic review that no reviewer overrode."""
    if review is None:
        return 0
    statement = select(QaFinding).where(QaFinding.review_id == review.review_id, QaFinding.compliance.is_(True))
    return sum(1 for finding in (await session.execute(statement)).scalars() if finding.verdict != "overridden")


def _values(card_items: dict, items: dict[str, float | None]) -> dict[str, Fraction | None]:
    values: dict[str, Fraction | None] = {}
    for position, (key, value) in enumerate(items.items()):
        if key not in card_items:
            raise BadUserInput(f"the scorecard has no item {key}", field=("items", str(position), "key"),
                               message_zh=f"评分表没有评分项 {key}")
        if value is not None and not 0 <= value <= 1:
            raise BadUserInput(f"item {key}: a value from 0 to 1, or null when not applicable",
                               field=("items", str(position), "value"), message_zh=f"评分项 {key} 的取值须在 0 到 1 之间，或为空（不适用）")
        values[key] = None if value is None else Fraction(value).limit_denominator(1000)
    return values


async def submit_review(
    session: AsyncSession, actor: Actor, conversation_id: str, items: dict[str, float | None], *, now_us: int,
    scorecard_id: str = DEFAULT_SCORECARD_ID, annotations: tuple[Annotation, ...] = (), comment: str | None = None,
    calibration_id: str | None = None, supersedes: str | None = None,
) -> QaReview:
    """Store a manual (or calibration) review scored with the scorecard's latest version; flush only."""
    await ensure_default_scorecard(session, now_us=now_us)
    card = await scorecard_version(session, scorecard_id)
    if card is None:
        raise NotFound(f"scorecard {scorecard_id} does not exist", field=("scorecardId",), message_zh="评分表不存在")
    found = await load_ended(session, [conversation_id])
    if not found:
        raise InvalidState(f"conversation {conversation_id} has not ended", field=("conversationId",),
                           message_zh="会话尚未结束，不能质检")
    record = found[0]
    result = score(card.card, _values(card.card.items(), items))
    auto = await latest_auto(session, conversation_id)
    review = QaReview(
        review_id=new_id(), conversation_id=conversation_id, kind=CALIBRATION if calibration_id else MANUAL,
        rule_version=None, scorecard_id=card.scorecard_id, scorecard_version=card.version,
        score_milli=result.score_milli, critical_failed=result.critical_failed,
        compliance_violations=await _standing_compliance(session, auto),
        negative_sentiment=auto.negative_sentiment if auto is not None else False, items=values_json(result.items),
        annotations=json.dumps([{"message_id": a.message_id, "note": a.note} for a in annotations], ensure_ascii=False),
        comment=comment, reviewer_id=actor.subject, agent_id=record.agent_id, team_id=record.team_id,
        calibration_id=calibration_id, supersedes=supersedes, created_at_us=now_us,
    )
    session.add(review)
    await session.flush()
    audit_change(session, actor, "QaReview", conversation_id, {
        "review": review.review_id, "kind": review.kind, "score": review.score_milli / 1000,
        "scorecard": f"{card.scorecard_id}@{card.version}", "supersedes": supersedes,
    })
    if calibration_id is None:
        await set_final(session, record, review, now_us=now_us)
    return review


async def override_finding(
    session: AsyncSession, actor: Actor, finding: QaFinding, verdict: str, reason: str, *, now_us: int
) -> QaFinding:
    """Accept or override an auto-QA finding with a reason; an overridden compliance finding leaves the final fact."""
    if verdict not in VERDICTS:
        raise BadUserInput(f"verdict must be one of {', '.join(VERDICTS)}", field=("verdict",), message_zh="复核结论无效")
    if not reason.strip():
        raise BadUserInput("a reason is required", field=("reason",), message_zh="必须填写理由")
    previous = finding.verdict
    finding.verdict, finding.verdict_reason = verdict, reason.strip()
    finding.verdict_by, finding.verdict_at_us = actor.subject, now_us
    await session.flush()
    fact = await session.get(QaConversationFact, finding.conversation_id)
    auto = await latest_auto(session, finding.conversation_id)
    if fact is not None and auto is not None and auto.review_id == finding.review_id:
        fact.compliance_violation = await _standing_compliance(session, auto) > 0
    audit_change(session, actor, "QaFinding", finding.conversation_id, {
        "finding": finding.finding_id, "rule": finding.rule_id, "verdict": verdict, "previous": previous, "reason": reason,
    })
    await session.flush()
    return finding


def _managers(team_id: str | None) -> list[RecipientRule]:
    return [ManagersOf(team_id)] if team_id else []


async def open_dispute(
    session: AsyncSession, actor: Actor, review: QaReview, reason: str, *, window_days: int, now_us: int
) -> QaDispute:
    """The agent of a manual review disputes it within ``window_days``; the team's managers are notified."""
    if review.kind != MANUAL:
        raise InvalidState("only a manual review can be disputed", field=("qaReviewId",), message_zh="只能对人工质检结果申诉")
    if review.agent_id != actor.subject:
        raise Forbidden("only the reviewed agent may dispute a review")
    if now_us > review.created_at_us + window_days * DAY_US:
        raise InvalidState(f"the {window_days}-day dispute window has closed", field=("qaReviewId",),
                           message_zh=f"{window_days} 天申诉期已过")
    if not reason.strip():
        raise BadUserInput("a reason is required", field=("reason",), message_zh="必须填写申诉理由")
    existing = (await session.execute(
        select(QaDispute).where(QaDispute.review_id == review.review_id, QaDispute.status == OPEN)
    )).scalar_one_or_none()
    if existing is not None:
        raise InvalidState("this review is already disputed", field=("qaReviewId",), message_zh="该质检结果已在申诉中")
    dispute = QaDispute(
        dispute_id=new_id(), review_id=review.review_id, conversation_id=review.conversation_id, agent_id=actor.subject,
        team_id=review.team_id, reason=reason.strip(), opened_by=actor.subject, opened_at_us=now_us, status=OPEN,
    )
    session.add(dispute)
    await session.flush()
    audit_change(session, actor, "QaDispute", review.conversation_id, {"dispute": dispute.dispute_id, "review": review.review_id})
    await record_notification(session, OutboxMessage(
        kind="qa.dispute", subject_kind="qa_dispute", subject_id=dispute.dispute_id,
        payload={"review_id": review.review_id, "agent_id": actor.subject, "score": review.score_milli / 1000},
        dedup_key=f"qa.dispute:{dispute.dispute_id}",
    ), _managers(review.team_id), now_us=now_us)
    return dispute


async def resolve_dispute(
    session: AsyncSession, actor: Actor, dispute: QaDispute, outcome: str, resolution: str, *, now_us: int,
    amended_items: dict[str, float | None] | None = None,
) -> QaDispute:
    """Uphold the disputed review, or amend it with a new manual review (the items given) that becomes final."""
    if dispute.status != OPEN:
        raise InvalidState("the dispute is resolved already", field=("disputeId",), message_zh="该申诉已处理")
    if outcome not in (UPHELD, AMENDED):
        raise BadUserInput("outcome must be upheld or amended", field=("outcome",), message_zh="处理结果无效")
    if outcome == AMENDED and not amended_items:
        raise BadUserInput("an amended review needs its items", field=("items",), message_zh="改判需要提供评分项")
    if dispute.agent_id == actor.subject:
        raise Forbidden("an agent cannot arbitrate their own dispute")
    disputed = await session.get(QaReview, dispute.review_id)
    assert disputed is not None
    if outcome == AMENDED:
        amended = await submit_review(
            session, actor, dispute.conversation_id, amended_items or {}, now_us=now_us,
            scorecard_id=disputed.scorecard_id, comment=resolution, supersedes=disputed.review_id,
        )
        dispute.amended_review_id = amended.review_id
    dispute.status, dispute.resolution = outcome, resolution.strip() or None
    dispute.resolved_by, dispute.resolved_at_us = actor.subject, now_us
    await session.flush()
    audit_change(session, actor, "QaDispute", dispute.conversation_id, {
        "dispute": dispute.dispute_id, "outcome": outcome, "amended_review": dispute.amended_review_id,
    })
    return dispute
