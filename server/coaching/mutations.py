"""Mutations of coaching: managers assign, change and cancel plans and verify or reopen tasks; agents acknowledge and
complete their own tasks; administrators set the rules. Workflow starts and deliveries follow the commit."""

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_in_scope, require_rows
from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.coaching.models import CoachingPlan
from server.coaching.plans import (
    PlanChange, PlanProblem, PlanSpec, TaskSpec, Written, agent_team, cancel_plan, change_plan, end_of_day_us, move_task, open_plan,
)
from server.coaching.repository import ScopedPlans
from server.coaching.rules import RuleProblem, parse_rules, store_rules
from server.coaching.types import (
    PLAN_TYPE, RULES_RECORD, TASK_TYPE, AcknowledgeTaskInput, AcknowledgeTaskPayload, AssignCoachingPlanInput,
    AssignCoachingPlanPayload, CancelCoachingPlanInput, CancelCoachingPlanPayload, CoachingPlanType, CoachingRulesType,
    CoachingTaskInput, CoachingTaskType, CompleteTaskInput, CompleteTaskPayload, ReopenTaskInput, ReopenTaskPayload,
    SetCoachingRulesInput, SetCoachingRulesPayload, UpdateCoachingPlanInput, UpdateCoachingPlanPayload, VerifyTaskInput,
    VerifyTaskPayload,
)
from server.errors import BadUserInput, NotFound
from server.goals.repository import goal_exists
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.kernel.payloads import InvalidState, payload_mutation
from server.kernel.relay import from_global_id
from server.metrics.api import METRICS_BY_KEY, Direction
from server.timefmt import now_us


def _refused(problem: PlanProblem) -> BadUserInput | NotFound:
    if problem.missing:
        return NotFound(problem.message, field=problem.field)
    if problem.state:
        return InvalidState(problem.message, field=problem.field)
    return BadUserInput(problem.message, field=problem.field)


def after_commit(info: Info, written: Written) -> None:
    """Nudge the intents a change wrote once the request commits (the sweeper completes any left pending)."""
    context = info.context
    for intent_id in written.intents:
        async def complete(intent_id: str = intent_id) -> None:
            await complete_intent(context.sessionmaker, intent_id, intent_handlers(installed_features()), context.settings, now_us=now_us())

        context.on_commit(complete)


def _team_reached(scope: RowScope, team_id: str | None) -> bool:
    return scope.unrestricted or (scope.has(Scope.TEAM) and team_id in scope.team_ids)


def _task_specs(info: Info, tasks: list[CoachingTaskInput]) -> tuple[TaskSpec, ...]:
    zone = info.context.settings.zone
    return tuple(TaskSpec(str(task.kind.value), task.title, end_of_day_us(task.due_date, zone), task.detail, task.reference) for task in tasks)


def _day_end(info: Info, day: date) -> int:
    return end_of_day_us(day, info.context.settings.zone)


async def _plan_in_scope(info: Info, global_id: str) -> CoachingPlan:
    key = from_global_id(global_id, PLAN_TYPE, field=("id",))
    scope = await require_rows(info.context, PLAN_TYPE, "write")
    found = await ScopedPlans(info.context.session, scope).plans_by_id([key])
    if key not in found:
        raise NotFound(f"no coaching plan {key} you may change", field=("id",))
    return found[key]


async def _task_in_scope(info: Info, global_id: str) -> tuple[CoachingPlan, Any]:
    key = from_global_id(global_id, TASK_TYPE, field=("id",))
    scope = await require_rows(info.context, TASK_TYPE, "write")
    found = await ScopedPlans(info.context.session, scope).task(key)
    if found is None:
        raise NotFound(f"no coaching task {key} you may change", field=("id",))
    return found


async def _task_step(info: Info, global_id: str, step: str, **values: Any) -> CoachingTaskType:
    plan, task = await _task_in_scope(info, global_id)
    try:
        written = await move_task(info.context.session, plan, task, step, actor=info.context.principal.subject, now_us=now_us(), **values)
    except PlanProblem as problem:
        raise _refused(problem) from problem
    after_commit(info, written)
    return CoachingTaskType.from_row(task, plan.agent_id)


def _metric(key: str) -> str:
    definition = METRICS_BY_KEY.get(key)
    if definition is None:
        raise BadUserInput(f"unknown metric {key!r}", field=("metricKey",))
    if definition.direction is Direction.NEUTRAL:
        raise BadUserInput(f"{key} is a volume without a better direction; coach on a metric that has one", field=("metricKey",))
    return key


async def _goal(context: Any, goal_id: strawberry.ID | None) -> str | None:
    """The goal a plan serves, by its global id; NOT_FOUND when there is none."""
    if goal_id is None:
        return None
    key = from_global_id(goal_id, "Goal", field=("goalId",))
    if not await goal_exists(context.session, key):
        raise NotFound(f"no goal {goal_id}", field=("goalId",))
    return key


@strawberry.type
class CoachingMutation:
    @strawberry.mutation(description="Assign a coaching plan with tasks to an agent of your team. / 为本团队坐席分配辅导计划及任务。")
    @payload_mutation
    async def assign_coaching_plan(self, info: Info, input: Annotated[AssignCoachingPlanInput, strawberry.argument(description="The plan. / 计划内容。")]) -> AssignCoachingPlanPayload:
        context = info.context
        scope = await require_rows(context, PLAN_TYPE, "write")
        agent_id = from_global_id(input.agent_id, "Agent", field=("agentId",))
        team_id = await agent_team(context.session, agent_id)
        if team_id is None:
            raise NotFound(f"no agent {agent_id}", field=("agentId",))
        require_in_scope(context, PLAN_TYPE, AuditSubject("agent", agent_id), _team_reached(scope, team_id))
        now = now_us()
        spec = PlanSpec(
            agent_id=agent_id, metric_key=_metric(input.metric_key), title=input.title, starts_at_us=now,
            evaluation_at_us=_day_end(info, input.evaluation_date), tasks=_task_specs(info, input.tasks),
            goal_id=await _goal(context, input.goal_id), note=input.note,
        )
        if not spec.title.strip():
            raise BadUserInput("a title is required", field=("title",))
        try:
            plan, written = await open_plan(context.session, spec, actor=context.principal.subject, now_us=now)
        except PlanProblem as problem:
            raise _refused(problem) from problem
        after_commit(info, written)
        return AssignCoachingPlanPayload(plan=CoachingPlanType.from_row(plan))

    @strawberry.mutation(description="Change an active plan: title, note, evaluation date, tasks added or cancelled. / 修改进行中的辅导计划。")
    @payload_mutation
    async def update_coaching_plan(self, info: Info, input: Annotated[UpdateCoachingPlanInput, strawberry.argument(description="The changes. / 修改内容。")]) -> UpdateCoachingPlanPayload:
        plan = await _plan_in_scope(info, input.id)
        change = PlanChange(
            title=input.title, note=input.note,
            evaluation_at_us=_day_end(info, input.evaluation_date) if input.evaluation_date else None,
            add_tasks=_task_specs(info, input.add_tasks or []),
            cancel_task_ids=tuple(from_global_id(task_id, TASK_TYPE, field=("cancelTaskIds",)) for task_id in input.cancel_task_ids or []),
        )
        try:
            written = await change_plan(info.context.session, plan, change, now_us=now_us())
        except PlanProblem as problem:
            raise _refused(problem) from problem
        after_commit(info, written)
        return UpdateCoachingPlanPayload(plan=CoachingPlanType.from_row(plan))

    @strawberry.mutation(description="Cancel an active plan and its unfinished tasks. / 取消辅导计划及未完成任务。")
    @payload_mutation
    async def cancel_coaching_plan(self, info: Info, input: Annotated[CancelCoachingPlanInput, strawberry.argument(description="Which plan. / 要取消的计划。")]) -> CancelCoachingPlanPayload:
        plan = await _plan_in_scope(info, input.id)
        try:
            written = await cancel_plan(info.context.session, plan, now_us=now_us())
        except PlanProblem as problem:
            raise _refused(problem) from problem
        after_commit(info, written)
        return CancelCoachingPlanPayload(plan=CoachingPlanType.from_row(plan))

    @strawberry.mutation(description="Acknowledge one of your tasks. / 确认你的任务。")
    @payload_mutation
    async def acknowledge_task(self, info: Info, input: Annotated[AcknowledgeTaskInput, strawberry.argument(description="Which task. / 哪项任务。")]) -> AcknowledgeTaskPayload:
        return AcknowledgeTaskPayload(task=await _task_step(info, input.id, "acknowledge"))

    @strawberry.mutation(description="Complete one of your tasks with evidence. / 提交证明并完成你的任务。")
    @payload_mutation
    async def complete_task(self, info: Info, input: Annotated[CompleteTaskInput, strawberry.argument(description="The task and evidence. / 任务及证明。")]) -> CompleteTaskPayload:
        return CompleteTaskPayload(task=await _task_step(info, input.id, "complete", evidence=input.evidence))

    @strawberry.mutation(description="Verify a completed task of your team. / 核验本团队已完成的任务。")
    @payload_mutation
    async def verify_task(self, info: Info, input: Annotated[VerifyTaskInput, strawberry.argument(description="Which task. / 哪项任务。")]) -> VerifyTaskPayload:
        return VerifyTaskPayload(task=await _task_step(info, input.id, "verify", note=input.note))

    @strawberry.mutation(description="Send a completed task back to the agent. / 将已完成的任务退回给坐席。")
    @payload_mutation
    async def reopen_task(self, info: Info, input: Annotated[ReopenTaskInput, strawberry.argument(description="The task, why, and a new due date. / 任务、原因及新截止日期。")]) -> ReopenTaskPayload:
        due = _day_end(info, input.due_date) if input.due_date else None
        return ReopenTaskPayload(task=await _task_step(info, input.id, "reopen", note=input.note, due_at_us=due))

    @strawberry.mutation(description="Store a new version of the coaching rules (admins); a bad rule is refused naming rule and field. / 保存新版本辅导规则（管理员）。")
    @payload_mutation
    async def set_coaching_rules(self, info: Info, input: Annotated[SetCoachingRulesInput, strawberry.argument(description="The rules. / 规则。")]) -> SetCoachingRulesPayload:
        await require_rows(info.context, RULES_RECORD, "write")
        try:
            rules = parse_rules(input.rules)
        except RuleProblem as problem:
            raise BadUserInput(problem.message, field=("rules", *problem.path)) from problem
        stored = await store_rules(info.context.session, rules, actor=info.context.principal.subject, now_us=now_us())
        return SetCoachingRulesPayload(coaching_rules=CoachingRulesType.of(stored))
