"""A team's periodic review: what changed (with significance), who improved or declined, knowledge-base needs,
the evaluations of plans that ended, and the sections other features add (goal statuses, open and overdue tasks).

Every number is an aggregate or a per-agent metric; no message text and no customer field
is read, so HR may read a review whole. Changes compare the period with the one of the
same length before it, on the per-conversation samples the before/after comparison uses,
with its test (Welch's t for means, the two-proportion z-test for shares).
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.evaluation.events import REVIEW_COMPILING, ReviewCompiling
from server.evaluation.models import TeamReview
from server.evaluation.repository import period_evaluations
from server.evaluation.summary import review_summary
from server.insights.kb_support import kb_support_ranking
from server.insights.methods import compare_samples
from server.insights.results import BeforeAfterResult, TestPolicy, Verdict
from server.kernel.domain_events import publish
from server.kernel.feature import Feature
from server.metrics.api import MetricsRequest, compute_metrics, metric_definition, metric_samples
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import ManagersOf
from server.timefmt import from_us

REVIEW_METRICS = ("first_response_avg_s", "handle_avg_s", "fcr_rate", "csat_avg")
READY_KIND = "review.ready"


@dataclass(frozen=True)
class ReviewWritten:
    """The review, whether this call wrote it, and the delivery intents of its notification to complete after commit."""

    review: TeamReview
    new: bool
    intent_ids: tuple[str, ...] = ()


def review_id_of(team_id: str, period_start_us: int, period_end_us: int) -> str:
    """The review's id, derived from its team and period: compiling the same period again finds it."""
    digest = hashlib.sha256(f"{team_id}|{period_start_us}|{period_end_us}".encode()).hexdigest()[:32]
    return f"review-{digest}"


def _request(start_us: int, end_us: int, team_id: str, agent_id: str | None = None) -> MetricsRequest:
    return MetricsRequest.of(
        from_=from_us(start_us), to=from_us(end_us), team_ids=[team_id], agent_ids=[agent_id] if agent_id else None,
        metrics=REVIEW_METRICS,
    )


def _change(key: str, result: BeforeAfterResult) -> dict[str, Any]:
    definition = metric_definition(key)
    return {
        "metric": key, "label_zh": definition.label_zh, "label_en": definition.label_en,
        "before": result.before.mean, "after": result.after.mean, "before_size": result.before.size,
        "after_size": result.after.size, "difference": result.difference, "p_value": result.p_value,
        "confidence_low": result.confidence_low, "confidence_high": result.confidence_high, "verdict": result.verdict.value,
    }


async def _changes(session: AsyncSession, settings: Settings, previous: MetricsRequest, current: MetricsRequest) -> list[dict[str, Any]]:
    earlier = await metric_samples(session, previous, settings=settings)
    later = await metric_samples(session, current, settings=settings)
    return [
        _change(key, compare_samples(metric_definition(key), earlier[key], later[key], TestPolicy()))  # type: ignore[arg-type]
        for key in REVIEW_METRICS
    ]


async def _team_agents(session: AsyncSession, settings: Settings, team_id: str, start_us: int, end_us: int) -> list[str]:
    request = MetricsRequest.of(from_=from_us(start_us), to=from_us(end_us), team_ids=[team_id], group_by=["agent"], metrics=["handled"])
    rows = await compute_metrics(session, request, settings=settings)
    return sorted({str(row.dimensions["agent_id"]) for row in rows if row.dimensions.get("agent_id")})


async def _knowledge_base(session: AsyncSession, settings: Settings, team_id: str, start_us: int, end_us: int) -> list[dict[str, Any]]:
    request = MetricsRequest.of(from_=from_us(start_us), to=from_us(end_us), team_ids=[team_id])
    ranking = await kb_support_ranking(session, request, settings=settings)
    return [
        {"rank": entry.rank, "category": entry.category, "kb_hit_rate": entry.kb_hit_rate.value,
         "searches": entry.kb_hit_rate.sample_size, "repeat_rate": entry.repeat_rate.value,
         "conversations": entry.repeat_rate.sample_size, "need": entry.need}
        for entry in ranking.entries if entry.needs_support
    ]


async def _evaluations(session: AsyncSession, team_id: str, start_us: int, end_us: int) -> list[dict[str, Any]]:
    return [
        {"plan_id": row.plan_id, "agent_id": row.agent_id, "metric": row.metric_key, "verdict": row.verdict,
         "effect": row.effect, "effect_relative": row.effect_relative, "p_value": row.p_value,
         "explanation_zh": row.explanation_zh, "explanation_en": row.explanation_en}
        for row in await period_evaluations(session, team_id, start_us, end_us)
    ]


def _judged(agents: list[dict[str, Any]], verdict: Verdict) -> list[dict[str, Any]]:
    return [
        {"agent_id": agent["agent_id"], "metrics": [c["metric"] for c in agent["changes"] if c["verdict"] == verdict.value]}
        for agent in agents if any(c["verdict"] == verdict.value for c in agent["changes"])
    ]


async def review_content(
    session: AsyncSession, settings: Settings, team_id: str, start_us: int, end_us: int, features: Sequence[Feature] | None,
) -> dict[str, Any]:
    """Everything a review shows, as JSON-ready data."""
    previous_start = start_us - (end_us - start_us)
    team = await _changes(session, settings, _request(previous_start, start_us, team_id), _request(start_us, end_us, team_id))
    agents = []
    for agent_id in await _team_agents(session, settings, team_id, previous_start, end_us):
        changes = await _changes(
            session, settings, _request(previous_start, start_us, team_id, agent_id), _request(start_us, end_us, team_id, agent_id)
        )
        agents.append({"agent_id": agent_id, "changes": changes})
    compiling = ReviewCompiling(team_id, start_us, end_us)
    await publish(session, REVIEW_COMPILING, compiling, features)
    return {
        "team_id": team_id, "period_start_us": start_us, "period_end_us": end_us, "previous_start_us": previous_start,
        "team": team, "agents": agents, "improved": _judged(agents, Verdict.IMPROVED), "declined": _judged(agents, Verdict.WORSENED),
        "knowledge_base": await _knowledge_base(session, settings, team_id, start_us, end_us),
        "evaluations": await _evaluations(session, team_id, start_us, end_us),
        "sections": [asdict(section) for section in compiling.sections],
    }


async def compile_review(
    session: AsyncSession, settings: Settings, team_id: str, start_us: int, end_us: int, *,
    trigger: str, now_us: int, features: Sequence[Feature] | None = None,
) -> ReviewWritten:
    """The team's review of the period, written once with its 'review.ready' notification to the team's managers."""
    review_id = review_id_of(team_id, start_us, end_us)
    stored = await session.get(TeamReview, review_id)
    if stored is not None:
        return ReviewWritten(stored, new=False)
    content = await review_content(session, settings, team_id, start_us, end_us, features)
    summary = review_summary(content, settings.zone)
    review = TeamReview(
        review_id=review_id, team_id=team_id, period_start_us=start_us, period_end_us=end_us, trigger=trigger,
        content=json.dumps(content, ensure_ascii=False, sort_keys=True), summary_zh=summary.zh, summary_en=summary.en,
        created_at_us=now_us,
    )
    session.add(review)
    await session.flush()
    message = OutboxMessage(
        kind=READY_KIND, subject_kind="team_review", subject_id=review_id,
        payload={"review_id": review_id, "team_id": team_id, "period_start_us": start_us, "period_end_us": end_us},
        dedup_key=f"{READY_KIND}:{review_id}",
    )
    _entry, intent_ids = await record_notification(session, message, [ManagersOf(team_id)], now_us=now_us)
    return ReviewWritten(review, True, tuple(intent_ids))
