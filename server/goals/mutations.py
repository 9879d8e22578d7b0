"""Mutations of goals: create, update, cancel, check now. Changes reach the workflow through intents after commit."""

from collections.abc import Mapping
from typing import Annotated, Any, cast

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_in_scope, require_rows
from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.errors import BadUserInput, NotFound
from server.goals.checks import run_check
from server.goals.loaders import GOAL_RECORD
from server.goals.measure import AGENT, ORGANISATION, TEAM
from server.goals.models import Goal, GoalCheck
from server.goals.repository import writable_goal
from server.goals.service import GoalSpec, IntentWriter, cancel_goal, create_goal, update_goal
from server.goals.types import (
    GOAL_TYPE, CancelGoalInput, CancelGoalPayload, CheckGoalNowInput, CheckGoalNowPayload, CreateGoalInput,
    CreateGoalPayload, GoalCheckType, GoalType, UpdateGoalInput, UpdateGoalPayload,
)
from server.intents.request import request_intent
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.kernel.payloads import InvalidState, payload_mutation
from server.kernel.relay import from_global_id
from server.org.models import Agent
from server.people.repository import DirectoryRepository
from server.timefmt import now_us


def _writer(context: Any) -> IntentWriter:
    def ask(kind: str, payload: Mapping[str, object]) -> str:
        return request_intent(context, kind, payload)

    return ask


async def _require_scope_writable(context: Any, scope: RowScope, spec: GoalSpec) -> None:
    """A manager sets goals on the teams it leads and their agents; the organisation's goals need ``all``."""
    if scope.has(Scope.ALL):
        return
    subject = AuditSubject(spec.scope_kind, spec.team_id or spec.agent_id or ORGANISATION)
    if spec.scope_kind == TEAM:
        allowed = spec.team_id in scope.team_ids
    elif spec.scope_kind == AGENT:
        agent = await context.session.get(Agent, spec.agent_id)
        allowed = agent is not None and agent.team_id in scope.team_ids
    else:
        allowed = False
    require_in_scope(context, GOAL_RECORD, subject, allowed)


async def _require_owner(context: Any, owner_id: str | None) -> None:
    if owner_id is not None and await DirectoryRepository(context.session).get(owner_id) is None:
        raise BadUserInput(f"no directory user {owner_id!r}", field=("ownerId",), message_zh=f"目录中没有用户 {owner_id!r}")


def _spec(input: CreateGoalInput, owner_id: str) -> GoalSpec:
    return GoalSpec(
        name=input.name, metric_key=input.metric_key, target_kind=cast(str, input.target_kind.value), target=input.target,
        scope_kind=cast(str, input.scope_kind.value), start_date=input.start_date, end_date=input.end_date, owner_id=owner_id,
        team_id=None if input.team_id is None else from_global_id(input.team_id, "Team", field=("teamId",)),
        agent_id=None if input.agent_id is None else from_global_id(input.agent_id, "Agent", field=("agentId",)),
        better=None if input.direction is None else cast(str, input.direction.value),
        channels=None if input.channels is None else tuple(input.channels),
        categories=None if input.categories is None else tuple(input.categories),
        tolerance=input.tolerance, cadence=input.cadence, minimum_sample=input.minimum_sample, baseline_days=input.baseline_days,
    )


async def _goal_to_change(context: Any, global_id: str) -> Goal:
    goal_id = from_global_id(global_id, GOAL_TYPE, field=("id",))
    scope = await require_rows(context, GOAL_RECORD, "write")
    goal = await writable_goal(context.session, scope, goal_id)
    if goal is None:
        raise NotFound(f"no goal {goal_id} you may change", field=("id",))
    return goal


def _changes(input: Annotated[UpdateGoalInput, strawberry.argument(description="The goal and its changes. / 目标及修改内容。")]) -> dict[str, object]:
    given = {
        "name": input.name, "target_kind": None if input.target_kind is None else input.target_kind.value,
        "target": input.target, "end_date": input.end_date, "owner_id": input.owner_id, "tolerance": input.tolerance,
        "cadence": input.cadence, "minimum_sample": input.minimum_sample,
        "channels": None if input.channels is None else tuple(input.channels),
        "categories": None if input.categories is None else tuple(input.categories),
    }
    return {name: value for name, value in given.items() if value is not None}


def _nudge(context: Any, intent_ids: list[str]) -> None:
    """Complete notification intents a check wrote once the request commits (the sweeper otherwise)."""
    handlers = intent_handlers(installed_features())
    for intent_id in intent_ids:
        async def complete(intent_id: str = intent_id) -> None:
            await complete_intent(context.sessionmaker, intent_id, handlers, context.settings, now_us=now_us())

        context.on_commit(complete)


@strawberry.type
class GoalsMutation:
    @strawberry.mutation(description="Set a goal on a metric for the organisation, a team or an agent. / 为组织、团队或坐席设定指标目标。")
    @payload_mutation
    async def create_goal(self, info: Info, input: Annotated[CreateGoalInput, strawberry.argument(description="The goal to set. / 要设定的目标。")]) -> CreateGoalPayload:
        context = info.context
        scope = await require_rows(context, GOAL_RECORD, "write")
        spec = _spec(input, input.owner_id or context.principal.subject)
        await _require_scope_writable(context, scope, spec)
        await _require_owner(context, input.owner_id)
        goal = await create_goal(
            context.session, context.settings, spec, _writer(context),
            created_by=context.principal.subject, draft=input.draft, now_us=now_us(),
        )
        return CreateGoalPayload(goal=GoalType.from_row(goal), start_pending=not input.draft)

    @strawberry.mutation(description="Change a draft or running goal; a running one is re-planned. / 修改草稿或进行中的目标，进行中的目标将重新分解。")
    @payload_mutation
    async def update_goal(self, info: Info, input: Annotated[UpdateGoalInput, strawberry.argument(description="The goal and its changes. / 目标及修改内容。")]) -> UpdateGoalPayload:
        context = info.context
        goal = await _goal_to_change(context, input.id)
        await _require_owner(context, input.owner_id)
        await update_goal(
            context.session, context.settings, goal, _changes(input), _writer(context),
            activate_now=input.activate, now_us=now_us(),
        )
        return UpdateGoalPayload(goal=GoalType.from_row(goal))

    @strawberry.mutation(description="Cancel a draft or running goal. / 取消草稿或进行中的目标。")
    @payload_mutation
    async def cancel_goal(self, info: Info, input: Annotated[CancelGoalInput, strawberry.argument(description="The goal to cancel. / 要取消的目标。")]) -> CancelGoalPayload:
        context = info.context
        goal = await _goal_to_change(context, input.id)
        await cancel_goal(context.session, goal, _writer(context), now_us=now_us())
        return CancelGoalPayload(goal=GoalType.from_row(goal))

    @strawberry.mutation(description="Check a running goal now, over the last cadence window up to now. / 立即检查进行中的目标（截至当前的最近一个周期）。")
    @payload_mutation
    async def check_goal_now(self, info: Info, input: Annotated[CheckGoalNowInput, strawberry.argument(description="The goal to check. / 要检查的目标。")]) -> CheckGoalNowPayload:
        context = info.context
        goal = await _goal_to_change(context, input.id)
        if goal.status != "active":
            raise InvalidState(f"a {goal.status} goal is not checked", field=("id",), message_zh="目标未在进行中，无法检查")
        outcome = await run_check(context.session, context.settings, goal.goal_id, milestone=None, now_us=now_us())
        _nudge(context, outcome.intents)
        whole: GoalCheck = outcome.goal_check
        return CheckGoalNowPayload(check=GoalCheckType.from_row(whole), goal=GoalType.from_row(goal))
