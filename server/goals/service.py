"""Creating, activating, changing and cancelling goals: validation, planning, and the intents that reach the workflow."""

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.errors import BadUserInput
from server.goals.measure import AGENT, ORGANISATION, TEAM, decomposable
from server.goals.models import Goal
from server.goals.planning import ABSOLUTE, CHANGE, CHANGE_PERCENT, plan_goal
from server.goals.repository import GoalRepository
from server.kernel.payloads import InvalidState
from server.metrics.api import METRICS_BY_KEY, Direction
from server.org.models import Agent, Team

START_INTENT, SIGNAL_INTENT = "goals.start", "goals.signal"
DRAFT, ACTIVE, CANCELLED = "draft", "active", "cancelled"
MINIMUM_CADENCE = timedelta(hours=1)
DEFAULT_CADENCE = timedelta(days=7)
TARGET_KINDS = (ABSOLUTE, CHANGE, CHANGE_PERCENT)
SCOPES = (ORGANISATION, TEAM, AGENT)

IntentWriter = Callable[[str, Mapping[str, object]], str]
"""Writes an intent in the caller's transaction (``request_intent`` in a request, ``record_intent`` elsewhere)."""


@dataclass(frozen=True)
class GoalSpec:
    """What a goal asks for; ``better`` None means the metric's own direction."""

    name: str
    metric_key: str
    target_kind: str
    target: float
    scope_kind: str
    start_date: date
    end_date: date
    owner_id: str
    team_id: str | None = None
    agent_id: str | None = None
    better: str | None = None
    channels: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    tolerance: float = 0.0
    cadence: timedelta = DEFAULT_CADENCE
    minimum_sample: int = 30
    baseline_days: int = 28


def _refuse(message: str, field: str, message_zh: str) -> BadUserInput:
    return BadUserInput(message, field=(field,), message_zh=message_zh)


def direction_of(spec: GoalSpec) -> str:
    """Which way is better: the metric's direction, or the one given (required for volumes, which have none)."""
    definition = METRICS_BY_KEY.get(spec.metric_key)
    if definition is None:
        raise _refuse(f"unknown metric key {spec.metric_key!r}", "metricKey", f"未知指标 {spec.metric_key!r}")
    if spec.better is not None:
        return spec.better
    if definition.direction is Direction.NEUTRAL:
        raise _refuse(
            f"{spec.metric_key} is a volume metric with no better direction: give direction (HIGHER or LOWER)",
            "direction", f"{spec.metric_key} 是量类指标，没有优劣方向：请填写 direction（HIGHER 或 LOWER）",
        )
    return definition.direction.value


async def validate(session: AsyncSession, spec: GoalSpec) -> str:
    """Refuse what cannot be a goal, naming the input field; returns the better direction."""
    better = direction_of(spec)
    if spec.target_kind not in TARGET_KINDS:
        raise _refuse(f"targetKind must be one of {', '.join(TARGET_KINDS)}", "targetKind", "目标类型无效")
    if spec.scope_kind not in SCOPES:
        raise _refuse(f"scopeKind must be one of {', '.join(SCOPES)}", "scopeKind", "范围类型无效")
    if spec.scope_kind == TEAM and (spec.team_id is None or await session.get(Team, spec.team_id) is None):
        raise _refuse(f"team {spec.team_id!r} does not exist", "teamId", f"团队 {spec.team_id!r} 不存在")
    if spec.scope_kind == AGENT and (spec.agent_id is None or await session.get(Agent, spec.agent_id) is None):
        raise _refuse(f"agent {spec.agent_id!r} does not exist", "agentId", f"坐席 {spec.agent_id!r} 不存在")
    if spec.scope_kind != ORGANISATION and not decomposable(spec.metric_key):
        raise _refuse(f"{spec.metric_key} has no value per team or agent: set it for the organisation",
                      "metricKey", f"{spec.metric_key} 没有团队或坐席维度的数值，只能为整个组织设定")
    if spec.end_date < spec.start_date:
        raise _refuse("endDate is before startDate", "endDate", "结束日期早于开始日期")
    if spec.cadence < MINIMUM_CADENCE:
        raise _refuse("cadence must be at least one hour", "cadence", "检查周期至少为一小时")
    if spec.tolerance < 0:
        raise _refuse("tolerance must not be negative", "tolerance", "容差不能为负数")
    if spec.minimum_sample < 1:
        raise _refuse("minimumSample must be at least 1", "minimumSample", "最小样本量至少为 1")
    if not 1 <= spec.baseline_days <= 366:
        raise _refuse("baselineDays must be between 1 and 366", "baselineDays", "基线天数须在 1 到 366 之间")
    if spec.target_kind == CHANGE_PERCENT and spec.target <= -100:
        raise _refuse("a change of -100% or less leaves nothing", "target", "变化幅度不能小于等于 -100%")
    return better


def _labels(values: tuple[str, ...] | None) -> str | None:
    return None if values is None else json.dumps(sorted(set(values)), ensure_ascii=False)


async def activate(session: AsyncSession, settings: Settings, goal: Goal, ask: IntentWriter, *, now_us: int) -> None:
    """Measure the baseline, resolve the target, store the parts, and ask for the workflow (after commit)."""
    plan = await plan_goal(session, settings, goal)
    goal.baseline, goal.baseline_volume = plan.baseline.value, plan.baseline.volume
    goal.target, goal.shortfall = plan.target, plan.shortfall
    await GoalRepository(session).replace_parts(goal.goal_id, plan.parts)
    first_start = goal.status == DRAFT
    goal.status = ACTIVE
    goal.updated_at_us = now_us
    session.add(goal)
    await session.flush()
    ask(START_INTENT if first_start else SIGNAL_INTENT, {"goal_id": goal.goal_id})


async def create_goal(
    session: AsyncSession, settings: Settings, spec: GoalSpec, ask: IntentWriter, *, created_by: str, draft: bool, now_us: int,
    goal_id: str | None = None,
) -> Goal:
    """A new goal: a draft, or active with its parts and a workflow start written as an intent."""
    better = await validate(session, spec)
    goal = Goal(
        goal_id=goal_id or uuid.uuid4().hex, name=spec.name, metric_key=spec.metric_key, better=better,
        target_kind=spec.target_kind, target_input=spec.target, scope_kind=spec.scope_kind,
        team_id=spec.team_id if spec.scope_kind == TEAM else None, agent_id=spec.agent_id if spec.scope_kind == AGENT else None,
        channels=_labels(spec.channels), categories=_labels(spec.categories), start_date=spec.start_date,
        end_date=spec.end_date, owner_id=spec.owner_id, tolerance=spec.tolerance,
        cadence_s=int(spec.cadence.total_seconds()), minimum_sample=spec.minimum_sample, baseline_days=spec.baseline_days,
        status=DRAFT, created_by=created_by, created_at_us=now_us, updated_at_us=now_us,
    )
    session.add(goal)
    await session.flush()
    if not draft:
        await activate(session, settings, goal, ask, now_us=now_us)
    return goal


def spec_of(goal: Goal) -> GoalSpec:
    """The spec a stored goal was made from (for changes)."""
    return GoalSpec(
        name=goal.name, metric_key=goal.metric_key, target_kind=goal.target_kind, target=goal.target_input,
        scope_kind=goal.scope_kind, start_date=goal.start_date, end_date=goal.end_date, owner_id=goal.owner_id,
        team_id=goal.team_id, agent_id=goal.agent_id, better=goal.better,
        channels=None if goal.channels is None else tuple(json.loads(goal.channels)),
        categories=None if goal.categories is None else tuple(json.loads(goal.categories)),
        tolerance=goal.tolerance, cadence=timedelta(seconds=goal.cadence_s), minimum_sample=goal.minimum_sample,
        baseline_days=goal.baseline_days,
    )


def _require_open(goal: Goal, action: str) -> None:
    if goal.status not in (DRAFT, ACTIVE):
        raise InvalidState(f"a {goal.status} goal cannot be {action}", field=("id",), message_zh=f"目标已处于 {goal.status} 状态，无法修改")


async def update_goal(
    session: AsyncSession, settings: Settings, goal: Goal, changes: dict[str, object], ask: IntentWriter, *,
    activate_now: bool, now_us: int,
) -> Goal:
    """Change a draft or running goal; a running one is re-planned and its workflow told."""
    _require_open(goal, "changed")
    spec = replace(spec_of(goal), **changes)  # type: ignore[arg-type]
    better = await validate(session, spec)
    goal.name, goal.target_kind, goal.target_input = spec.name, spec.target_kind, spec.target
    goal.better, goal.end_date, goal.owner_id, goal.tolerance = better, spec.end_date, spec.owner_id, spec.tolerance
    goal.cadence_s, goal.minimum_sample = int(spec.cadence.total_seconds()), spec.minimum_sample
    goal.channels, goal.categories = _labels(spec.channels), _labels(spec.categories)
    goal.revision += 1
    goal.updated_at_us = now_us
    session.add(goal)
    await session.flush()
    if goal.status == ACTIVE or activate_now:
        await activate(session, settings, goal, ask, now_us=now_us)
    return goal


async def cancel_goal(session: AsyncSession, goal: Goal, ask: IntentWriter, *, now_us: int) -> Goal:
    """Cancel a draft or running goal; its workflow is told to stop (after commit)."""
    _require_open(goal, "cancelled")
    was_running = goal.status == ACTIVE
    goal.status = CANCELLED
    goal.closed_at_us = goal.updated_at_us = now_us
    goal.revision += 1
    session.add(goal)
    await session.flush()
    if was_running:
        ask(SIGNAL_INTENT, {"goal_id": goal.goal_id})
    return goal
