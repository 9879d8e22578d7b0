"""Evaluating an ended plan: collect, estimate, explain, store once, tell the plan's managers and the agent."""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings, get_settings
from server.evaluation.comparison import collect
from server.evaluation.estimator import WITHOUT_SAMPLES, Estimate, EstimatorPolicy, Verdict, estimate_effect, scale_for
from server.evaluation.explanation import Windows, explain
from server.evaluation.models import PlanEvaluation
from server.evaluation.plan import EndedPlan
from server.insights.methods import statistical_test_for
from server.metrics.api import Direction, metric_definition
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import ManagersOf, TheAgent
from server.timefmt import from_us

EVALUATED_KIND = "plan.evaluated"


@dataclass(frozen=True)
class Evaluated:
    evaluation: PlanEvaluation
    new: bool


def policy_of(settings: Settings) -> EstimatorPolicy:
    return EstimatorPolicy(
        minimum_items=settings.evaluation_minimum_items,
        minimum_comparison_agents=settings.evaluation_minimum_comparison_agents,
    )


def windows_of(plan: EndedPlan, settings: Settings) -> Windows:
    """The windows' first and last local days (their ends are exclusive instants: the last day is the one before)."""
    zone = settings.zone
    return Windows(*(from_us(instant, zone).date() for instant in (
        plan.before_start_us, plan.before_end_us - 1, plan.after_start_us, plan.after_end_us - 1,
    )))


def evaluation_row(plan: EndedPlan, estimate: Estimate, widened: bool, settings: Settings, *, now_us: int) -> PlanEvaluation:
    """The stored evaluation of ``plan``."""
    definition = metric_definition(plan.metric_key)
    policy = policy_of(settings)
    text = explain(
        estimate, definition, windows_of(plan, settings), widened=widened, confidence=1 - policy.alpha,
        minimum_items=policy.minimum_items, minimum_agents=policy.minimum_comparison_agents,
    )
    coached = estimate.coached
    return PlanEvaluation(
        plan_id=plan.plan_id, agent_id=plan.agent_id, team_id=plan.team_id, metric_key=plan.metric_key, goal_id=plan.goal_id,
        before_start_us=plan.before_start_us, before_end_us=plan.before_end_us,
        after_start_us=plan.after_start_us, after_end_us=plan.after_end_us,
        verdict=estimate.verdict.value, scale=estimate.scale.value, widened=widened,
        before_size=coached.before_size if coached else 0, after_size=coached.after_size if coached else 0,
        before_mean=coached.before_mean if coached else None, after_mean=coached.after_mean if coached else None,
        comparison_agents=len(estimate.comparison),
        comparison_before_size=sum(change.before_size for change in estimate.comparison),
        comparison_after_size=sum(change.after_size for change in estimate.comparison),
        comparison_change=estimate.comparison_change, effect=estimate.effect, effect_relative=estimate.effect_relative,
        confidence_low=estimate.confidence_low, confidence_high=estimate.confidence_high, confidence_level=1 - policy.alpha,
        standard_error=estimate.standard_error, degrees_of_freedom=estimate.degrees_of_freedom, p_value=estimate.p_value,
        between_agent_variance=estimate.between_agent_variance, placebo_as_large=estimate.placebo_as_large,
        placebo_p_value=estimate.placebo_p_value, explanation_zh=text.zh, explanation_en=text.en, evaluated_at_us=now_us,
    )


async def evaluate_plan(session: AsyncSession, plan: EndedPlan, settings: Settings, *, now_us: int) -> Evaluated:
    """Evaluate ``plan`` once: a second call (a replayed event) returns the stored evaluation and writes nothing."""
    stored = await session.get(PlanEvaluation, plan.plan_id)
    if stored is not None:
        return Evaluated(stored, new=False)
    definition = metric_definition(plan.metric_key)
    policy, scale = policy_of(settings), scale_for(definition.unit)
    if statistical_test_for(definition) is None or definition.direction is Direction.NEUTRAL:
        estimate, widened = Estimate(Verdict.TOO_LITTLE_DATA, scale, None, (), reason=WITHOUT_SAMPLES), False
    else:
        collected = await collect(session, plan, settings, policy)
        estimate = estimate_effect(collected.coached, collected.comparison, direction=definition.direction, scale=scale, policy=policy)
        widened = collected.widened
    row = evaluation_row(plan, estimate, widened, settings, now_us=now_us)
    session.add(row)
    await session.flush()
    message = OutboxMessage(
        kind=EVALUATED_KIND, subject_kind="plan_evaluation", subject_id=plan.plan_id,
        payload={
            "plan_id": plan.plan_id, "agent_id": plan.agent_id, "team_id": plan.team_id, "metric": plan.metric_key,
            "verdict": row.verdict, "effect": row.effect, "effect_relative": row.effect_relative, "p_value": row.p_value,
        },
        dedup_key=f"{EVALUATED_KIND}:{plan.plan_id}",
    )
    await record_notification(session, message, [ManagersOf(plan.team_id), TheAgent(plan.agent_id)], now_us=now_us)
    return Evaluated(row, new=True)


async def on_plan_ended(session: AsyncSession, plan: EndedPlan) -> None:
    """Listener of ``coaching.plan_ended``: evaluate in the publisher's transaction, at the plan's end."""
    await evaluate_plan(session, plan, get_settings(), now_us=plan.ended_at_us)
