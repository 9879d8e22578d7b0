"""Rules-driven remediation: a condition met by a goal check or a metric sweep becomes actions, each exactly once.

An action's unique key names the rule, the action, the subject and the trigger (the goal
check, or the sweep's week), so a check replayed or retried finds its actions and adds
none. Actions about one agent (a training path, script templates, a one-to-one) open one
coaching plan per trigger with their tasks; the others (a knowledge-base task, staffing
for peak hours) are recorded for the team's managers.
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.library import Library
from server.coaching.models import UNIQUE_KEY_LENGTH, CoachingPlan, RemediationAction
from server.coaching.plans import PlanSpec, TaskSpec, Written, agent_team, open_plan
from server.coaching.progress import DAY_US
from server.coaching.rules import AGENT_ACTIONS, Rule, RuleSet, current_rules
from server.goals.events import GoalChecked
from server.goals.planning import agent_of_part, team_of_part
from server.metrics.api import METRICS_BY_KEY

RULES_ACTOR = "coaching-rules"
BEHIND = "behind"
AGENT_PART = "agent"
TEAM_PART = "team"
DEFAULT_PLAN_DAYS = 28
DEFAULT_PLAN_METRIC = "fcr_rate"
KEY_BASE_LENGTH = UNIQUE_KEY_LENGTH - 8
"""Room for ``:<action index>`` within the unique key's column."""


@dataclass(frozen=True)
class Trigger:
    """Who a rule fired for, on what, and the numbers that met its condition."""

    key: str
    """Unique per rule firing: the goal check, or the sweep's rule subject and week."""
    agent_id: str | None
    team_id: str | None
    metric_key: str | None
    numbers: dict[str, Any]
    goal_id: str | None = None
    check_id: str | None = None
    categories: tuple[str, ...] = ()
    """The categories where the subject is weakest, worst first (for script templates and KB tasks)."""
    detail: dict[str, Any] | None = None


async def _handled(session: AsyncSession, base: str) -> bool:
    """Whether a firing with this key took its actions already."""
    statement = select(RemediationAction.action_id).where(RemediationAction.unique_key.startswith(f"{base}:", autoescape=True))  # type: ignore[call-arg]
    return (await session.execute(statement.limit(1))).first() is not None


def _plan_tasks(rule: Rule, trigger: Trigger, library: Library, starts_at_us: int) -> tuple[list[TaskSpec], int, dict[str, Any]]:
    """The tasks the rule's agent actions add, the plan's length in days, and what each action chose."""
    tasks: list[TaskSpec] = []
    days = DEFAULT_PLAN_DAYS
    chosen: dict[str, Any] = {}
    for action in rule.actions:
        if action.type == "assign_training_path":
            path = library.paths[action.params["path"]]
            days = max(days, path.duration_days)
            chosen[action.type] = {"path": path.id}
            tasks += [
                TaskSpec("training_module", f"{module.name_zh} / {module.name_en}", starts_at_us + module.day * DAY_US, reference=path.id)
                for module in path.modules
            ]
        elif action.type == "suggest_script_templates":
            templates = library.templates_for(trigger.metric_key, trigger.categories, action.params["limit"])
            chosen[action.type] = {"templates": [template.id for template in templates], "categories": list(trigger.categories)}
            tasks += [
                TaskSpec("script_practice", f"练习话术 / Practise script: {template.id}", starts_at_us + 7 * DAY_US,
                         detail=f"{template.text_zh}\n{template.text_en}", reference=template.id)
                for template in templates
            ]
        elif action.type == "book_one_to_one":
            chosen[action.type] = {"dueDays": action.params["due_days"]}
            tasks.append(TaskSpec("one_to_one", "与主管一对一辅导 / One-to-one with your manager",
                                  starts_at_us + action.params["due_days"] * DAY_US))
    return tasks, days, chosen


def plan_metric(rule: Rule, trigger: Trigger, library: Library) -> str:
    """The catalogue metric a rule's plan aims at: the trigger's, else its training path's first, else FCR."""
    if trigger.metric_key in METRICS_BY_KEY:
        return trigger.metric_key
    for action in rule.actions:
        if action.type == "assign_training_path":
            return library.paths[action.params["path"]].metrics[0]
    return DEFAULT_PLAN_METRIC


def _team_action_detail(action_type: str, params: dict[str, Any], trigger: Trigger) -> tuple[str | None, dict[str, Any]]:
    if action_type == "open_kb_task":
        category = params.get("category") or (trigger.categories[0] if trigger.categories else None)
        return category, {"category": category}
    return None, dict(trigger.detail or {})


async def apply_rule(session: AsyncSession, rules: RuleSet, rule: Rule, trigger: Trigger, *, now_us: int) -> tuple[list[RemediationAction], Written]:
    """Take the rule's actions for ``trigger`` once; a second call with the same trigger adds nothing."""
    written = Written()
    base = f"{rule.id}:{trigger.key}"[:KEY_BASE_LENGTH]
    created: list[RemediationAction] = []
    if await _handled(session, base):
        return created, written
    if trigger.agent_id is not None and trigger.team_id is None:
        trigger = replace(trigger, team_id=await agent_team(session, trigger.agent_id))
    plan: CoachingPlan | None = None
    chosen: dict[str, Any] = {}
    wants_plan = trigger.agent_id is not None and any(action.type in AGENT_ACTIONS for action in rule.actions)
    if wants_plan and trigger.team_id is not None and trigger.agent_id is not None:
        tasks, days, chosen = _plan_tasks(rule, trigger, rules.library, now_us)
        spec = PlanSpec(
            agent_id=trigger.agent_id, metric_key=plan_metric(rule, trigger, rules.library), title=f"{rule.name_zh} / {rule.name_en}",
            starts_at_us=now_us, evaluation_at_us=now_us + days * DAY_US, tasks=tuple(tasks), goal_id=trigger.goal_id,
            source="rules", source_key=base,
        )
        plan, written = await open_plan(session, spec, actor=RULES_ACTOR, now_us=now_us)
    for index, action in enumerate(rule.actions):
        if action.type in AGENT_ACTIONS and plan is None:
            continue  # a team's or the organisation's condition: agent actions do not apply
        category, detail = (None, chosen.get(action.type, {})) if action.type in AGENT_ACTIONS else _team_action_detail(action.type, dict(action.params), trigger)
        row = RemediationAction(
            action_id=uuid.uuid4().hex, unique_key=f"{base}:{index}", rule_id=rule.id, rule_version=rules.version,
            action_type=action.type, agent_id=trigger.agent_id, team_id=trigger.team_id, category=category,
            goal_id=trigger.goal_id, check_id=trigger.check_id, plan_id=plan.plan_id if plan else None,
            trigger=json.dumps(trigger.numbers, ensure_ascii=False, sort_keys=True),
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            status="done" if action.type in AGENT_ACTIONS else "open", created_at_us=now_us,
        )
        session.add(row)
        created.append(row)
    await session.flush()
    return created, written


def check_trigger(event: GoalChecked) -> Trigger | None:
    """The trigger a goal check makes for a behind agent or team (None for other parts)."""
    if event.part_kind not in (AGENT_PART, TEAM_PART):
        return None
    numbers = {
        "consecutiveBehind": event.consecutive_behind, "expected": event.expected, "actual": event.actual,
        "metric": event.metric_key, "checkedAtUs": event.checked_at_us,
    }
    return Trigger(
        key=f"check:{event.check_id}", agent_id=agent_of_part(event.part_key) if event.part_kind == AGENT_PART else None,
        team_id=team_of_part(event.part_key) if event.part_kind == TEAM_PART else None, metric_key=event.metric_key,
        numbers=numbers, goal_id=event.goal_id, check_id=event.check_id,
    )


async def remediate_check(session: AsyncSession, event: GoalChecked) -> list[RemediationAction]:
    """Apply every enabled ``behind_consecutive`` rule whose N this check's streak just reached."""
    if event.status != BEHIND:
        return []
    trigger = check_trigger(event)
    if trigger is None:
        return []
    rules = await current_rules(session)
    created: list[RemediationAction] = []
    for rule in rules.enabled_with("behind_consecutive"):
        if event.consecutive_behind == rule.condition["checks"]:
            actions, _written = await apply_rule(session, rules, rule, trigger, now_us=event.checked_at_us)
            created += actions
    return created


async def on_goal_checked(session: AsyncSession, event: GoalChecked) -> None:
    """Listener of ``goals.checked``: remediation in the check's own transaction (its intents are swept after commit)."""
    await remediate_check(session, event)


async def actions_of(session: AsyncSession, keys: Sequence[str]) -> list[RemediationAction]:
    statement = select(RemediationAction).where(RemediationAction.unique_key.in_(list(keys))).order_by(RemediationAction.unique_key)
    return list((await session.execute(statement)).scalars())
