"""A goal's baseline, resolved target and parts: the metrics engine's numbers fed to the allocation rule.

The baseline window is the ``baseline_days`` local days before the start (28 by default).
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.errors import BadUserInput
from server.goals.allocation import Allocation, Combination, PartBaseline, best_tenth, decompose
from server.goals.measure import AGENT, Measured, ScopeNumbers, combination_of, decomposable, measure, scope_team_ids
from server.goals.models import Goal, GoalPart
from server.metrics.api import Direction

ABSOLUTE, CHANGE, CHANGE_PERCENT = "absolute", "change", "change_percent"
TEAM_PART, AGENT_PART = "team", "agent"


def team_part_key(team_id: str) -> str:
    return f"team:{team_id}"


def agent_part_key(team_id: str, agent_id: str) -> str:
    return f"agent:{team_id}:{agent_id}"


def team_of_part(part_key: str) -> str | None:
    """The team of a part key (``team:<team>`` or ``agent:<team>:<agent>``); None for the goal's own key."""
    kind, _, rest = part_key.partition(":")
    return rest.partition(":")[0] if kind in (TEAM_PART, AGENT_PART) else None


def agent_of_part(part_key: str) -> str | None:
    """The agent of an ``agent:<team>:<agent>`` part key; None for a team or the goal itself."""
    kind, _, rest = part_key.partition(":")
    return rest.partition(":")[2] or None if kind == AGENT_PART else None


def higher_is_better(goal: Goal) -> bool:
    return goal.better == Direction.HIGHER.value


def resolve_target(kind: str, amount: float, baseline: float | None) -> float:
    """The target value: ``amount`` itself, or the baseline moved by ``amount`` (units) or ``amount`` percent."""
    if kind == ABSOLUTE:
        return amount
    if baseline is None:
        raise BadUserInput(
            "a change against the baseline needs a baseline: the scope has no sample in the baseline window",
            field=("target",),
            message_zh="相对基线的目标需要基线：基线期内该范围没有样本，请改用绝对目标",
        )
    return baseline + amount if kind == CHANGE else baseline * (1 + amount / 100)


@dataclass(frozen=True)
class GoalPlan:
    baseline: Measured
    target: float
    shortfall: float
    parts: list[GoalPart]


def _part_rows(goal: Goal, numbers: ScopeNumbers, target: float) -> tuple[list[GoalPart], float]:
    combination = combination_of(goal.metric_key)
    team_ids = sorted(numbers.teams)
    teams = [PartBaseline(team_part_key(team), numbers.teams[team].value, numbers.teams[team].volume) for team in team_ids]
    by_team: dict[str, list[PartBaseline]] = {team_part_key(team): [] for team in team_ids}
    for (team, agent), measured in sorted(numbers.agents.items()):
        by_team.setdefault(team_part_key(team), []).append(PartBaseline(agent_part_key(team, agent), measured.value, measured.volume))
    comparable = [
        measured.value for measured in numbers.agents.values()
        if measured.value is not None and measured.volume >= goal.minimum_sample
    ]
    cap = None if combination is not Combination.WEIGHTED else best_tenth(comparable, higher_is_better=higher_is_better(goal))
    result = decompose(
        target, teams, by_team, higher_is_better=higher_is_better(goal), combination=combination,
        cap=cap, minimum_volume=goal.minimum_sample,
    )
    rows = _rows(goal, result.teams, teams, None)
    for team_part in teams:
        rows += _rows(goal, result.agents[team_part.key], by_team[team_part.key], team_part.key)
    return rows, result.shortfall


def _rows(goal: Goal, allocation: Allocation, baselines: list[PartBaseline], parent: str | None) -> list[GoalPart]:
    rows = []
    for baseline, part in zip(baselines, allocation.parts, strict=True):
        kind, _, rest = part.key.partition(":")
        team_id, _, agent_id = rest.partition(":")
        rows.append(GoalPart(
            goal_id=goal.goal_id, part_key=part.key, part_kind=kind, parent_key=parent, team_id=team_id,
            agent_id=agent_id or None, baseline=baseline.baseline, volume=baseline.volume, target=part.target,
            rule=part.rule.value, capped=part.capped, shortfall=allocation.shortfall if kind == TEAM_PART else None,
        ))
    return rows


async def plan_goal(session: AsyncSession, settings: Settings, goal: Goal) -> GoalPlan:
    """The goal's baseline over its baseline window, its resolved target and its parts (not yet stored)."""
    team_ids = await scope_team_ids(session, goal)
    with_parts = goal.scope_kind != AGENT and decomposable(goal.metric_key)
    numbers = await measure(
        session, settings, goal, goal.start_date - timedelta(days=goal.baseline_days), goal.start_date,
        team_ids=team_ids, with_parts=with_parts,
    )
    target = resolve_target(goal.target_kind, goal.target_input, numbers.whole.value)
    if not with_parts:
        return GoalPlan(numbers.whole, target, 0.0, [])
    parts, shortfall = _part_rows(goal, numbers, target)
    return GoalPlan(numbers.whole, target, shortfall, parts)
