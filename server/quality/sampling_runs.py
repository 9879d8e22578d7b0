"""Sampling plans stored and run: candidates with their risk signals, the draw, assignments as review assignments."""

import json
from collections import Counter
from dataclasses import asdict
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conversations.models import ConversationEvent, Feedback, Transfer
from server.kernel.events import EventType
from server.quality.models import QaConversationFact, QaReview, QaSamplingPlan, QaSamplingRun
from server.quality.sampling import RISK_SIGNALS, Candidate, Coverage, Sample, SamplingPlanRules, coverage, draw
from server.quality.scoring import new_id
from server.reviews.models import ReviewAssignment

LONG_WAIT_US = 60_000_000
LOW_CSAT = 2
COMPLAINT_RULE = "script.apology"


def plan_rules(plan: QaSamplingPlan) -> SamplingPlanRules:
    raw = json.loads(plan.definition)
    return SamplingPlanRules(raw["per_agent_week"], raw["overall_rate"], raw["risk_limit"], tuple(raw["risk_signals"]))


def validate_rules(rules: SamplingPlanRules) -> str | None:
    """The first thing wrong with a plan, as ``field: message``, or None."""
    if not 0 <= rules.per_agent_week <= 100:
        return "perAgentWeek: must be from 0 to 100"
    if not 0 <= rules.overall_rate <= 1:
        return "overallRate: must be from 0 to 1"
    if not 0 <= rules.risk_limit <= 10_000:
        return "riskLimit: must be from 0 to 10000"
    unknown = sorted(set(rules.risk_signals) - set(RISK_SIGNALS))
    return f"riskSignals: unknown signals {', '.join(unknown)}" if unknown else None


async def create_plan(
    session: AsyncSession, name: str, rules: SamplingPlanRules, *, by: str, now_us: int, plan_id: str | None = None,
) -> QaSamplingPlan:
    """Store a plan (flush only); ``plan_id`` for a plan with a fixed id, else a new one."""
    plan = QaSamplingPlan(plan_id=plan_id or new_id(), name=name, definition=json.dumps({
        "per_agent_week": rules.per_agent_week, "overall_rate": rules.overall_rate, "risk_limit": rules.risk_limit,
        "risk_signals": list(rules.risk_signals),
    }), created_by=by, created_at_us=now_us)
    session.add(plan)
    await session.flush()
    return plan


async def candidates(
    session: AsyncSession, from_us: int, to_us: int, clause: ColumnElement[bool], pass_score: int = 80,
) -> list[Candidate]:
    """Auto-scored conversations that ended in ``[from_us, to_us)`` within ``clause``, with their risk signals."""
    facts = list((await session.execute(select(QaConversationFact).where(
        QaConversationFact.end_us >= from_us, QaConversationFact.end_us < to_us, clause,
    ))).scalars())
    ids = [fact.conversation_id for fact in facts]
    risks: dict[str, set[str]] = {conversation_id: set() for conversation_id in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for (conversation_id,) in await session.execute(select(Transfer.conversation_id).where(Transfer.conversation_id.in_(chunk)).distinct()):
            risks[conversation_id].add("transfer")
        for (conversation_id,) in await session.execute(select(Feedback.conversation_id).where(
            Feedback.conversation_id.in_(chunk), Feedback.csat <= LOW_CSAT,
        ).distinct()):
            risks[conversation_id].add("low_csat")
        waits = select(
            ConversationEvent.conversation_id, ConversationEvent.type, func.min(ConversationEvent.ts_us),
        ).where(
            ConversationEvent.conversation_id.in_(chunk),
            ConversationEvent.type.in_([EventType.CONVERSATION_QUEUED, EventType.CONVERSATION_ASSIGNED]),
        ).group_by(ConversationEvent.conversation_id, ConversationEvent.type)
        firsts: dict[str, dict[str, int]] = {}
        for conversation_id, kind, first_us in await session.execute(waits):
            firsts.setdefault(conversation_id, {})[kind] = first_us
        for conversation_id, times in firsts.items():
            queued, assigned = times.get(EventType.CONVERSATION_QUEUED), times.get(EventType.CONVERSATION_ASSIGNED)
            if queued is not None and assigned is not None and assigned - queued > LONG_WAIT_US:
                risks[conversation_id].add("long_wait")
    for fact in facts:
        if fact.negative_sentiment:
            risks[fact.conversation_id] |= {"negative_sentiment", "complaint"}
        if fact.critical_failed or fact.score_milli < pass_score * 1000 or fact.compliance_violation:
            risks[fact.conversation_id].add("auto_qa_failed")
    return [
        Candidate(f.conversation_id, f.agent_id, f.channel, f.category, f.end_us, frozenset(risks[f.conversation_id]))
        for f in facts
    ]


async def open_load(session: AsyncSession, reviewers: list[str], pool: set[str]) -> dict[str, int]:
    """Assignments each reviewer has not reviewed yet, outside ``pool`` (so running a plan again assigns the same way)."""
    reviewed = select(QaReview.review_id).where(
        QaReview.conversation_id == ReviewAssignment.conversation_id, QaReview.reviewer_id == ReviewAssignment.reviewer_id,
    ).exists()
    statement = select(ReviewAssignment.reviewer_id, ReviewAssignment.conversation_id).where(
        ReviewAssignment.reviewer_id.in_(reviewers), ~reviewed,
    )
    rows = (await session.execute(statement)).all()
    return dict(Counter(reviewer for reviewer, conversation_id in rows if conversation_id not in pool))


async def run_plan(
    session: AsyncSession, plan: QaSamplingPlan, reviewers: list[str], *, from_us: int, to_us: int, seed: int,
    clause: ColumnElement[bool], zone: ZoneInfo, by: str, now_us: int,
) -> tuple[QaSamplingRun, Sample, Coverage]:
    """Draw the plan's sample and assign it (existing assignments kept); the run is stored with its coverage."""
    rules = plan_rules(plan)
    pool = await candidates(session, from_us, to_us, clause)
    sample = draw(pool, rules, reviewers, seed=seed, zone=zone, load=await open_load(session, reviewers, {c.conversation_id for c in pool}))
    for conversation_id, reviewer in sorted(sample.assignments.items()):
        if await session.get(ReviewAssignment, (reviewer, conversation_id)) is None:
            session.add(ReviewAssignment(reviewer_id=reviewer, conversation_id=conversation_id, assigned_by=by, assigned_at_us=now_us))
    reached = coverage(pool, sample, rules, zone=zone)
    run = QaSamplingRun(
        run_id=new_id(), plan_id=plan.plan_id, from_us=from_us, to_us=to_us, seed=seed,
        picked=json.dumps([
            {"conversation_id": c, "reason": why, "reviewer": sample.assignments.get(c)} for c, why in sorted(sample.picked.items())
        ], ensure_ascii=False),
        coverage=json.dumps(asdict(reached)), created_by=by, created_at_us=now_us,
    )
    session.add(run)
    await session.flush()
    return run, sample, reached
