"""Per-request loaders of plans and tasks through the caller's row scope, and the ``node(id:)`` look-ups."""

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from server.authz.guards import require_rows
from server.coaching.models import CoachingPlan, CoachingTask
from server.coaching.repository import ScopedPlans
from server.coaching.types import PLAN_TYPE, TASK_TYPE, CoachingPlanType, CoachingTaskType
from server.kernel.relay import NodeType


class PlanByIdLoader(DataLoader[str, CoachingPlan | None]):
    """Plans by id, as far as the caller's ``CoachingPlan`` scope reaches."""

    def __init__(self, context: Any) -> None:
        self.context = context
        super().__init__(load_fn=self._load)

    async def _load(self, plan_ids: Sequence[str]) -> list[CoachingPlan | None]:
        scope = await require_rows(self.context, PLAN_TYPE)
        found = await ScopedPlans(self.context.session, scope).plans_by_id(plan_ids)
        return [found.get(plan_id) for plan_id in plan_ids]


class TasksByPlanLoader(DataLoader[str, list[CoachingTask]]):
    """Each plan's tasks in order, as far as the caller's scope reaches (one statement per batch)."""

    def __init__(self, context: Any) -> None:
        self.context = context
        super().__init__(load_fn=self._load)

    async def _load(self, plan_ids: Sequence[str]) -> list[list[CoachingTask]]:
        scope = await require_rows(self.context, PLAN_TYPE)
        found = await ScopedPlans(self.context.session, scope).tasks_of_plans(plan_ids)
        return [found.get(plan_id, []) for plan_id in plan_ids]


async def _scope_allows(context: Any) -> bool:
    if context.authorization is None:
        return False
    return not (await context.authorization.row_scope(context.session, PLAN_TYPE)).empty


async def load_plan(context: Any, key: str) -> CoachingPlanType | None:
    if not await _scope_allows(context):
        return None
    plan = await context.loader(PlanByIdLoader).load(key)
    return CoachingPlanType.from_row(plan) if plan is not None else None


async def load_task(context: Any, key: str) -> CoachingTaskType | None:
    if not await _scope_allows(context):
        return None
    scope = await context.authorization.row_scope(context.session, PLAN_TYPE)
    found = await ScopedPlans(context.session, scope).task(key)
    return CoachingTaskType.from_row(found[1], found[0].agent_id) if found is not None else None


NODES = (NodeType(PLAN_TYPE, load_plan), NodeType(TASK_TYPE, load_task))
