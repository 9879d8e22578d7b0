"""``node(id:)`` for goals, their parts and checks, through the caller's ``Goal`` and ``GoalPart`` scopes."""

from typing import Any

from server.goals.loaders import GoalByIdLoader, PartsByGoalLoader
from server.goals.models import GOAL_PART
from server.goals.repository import check_by_id
from server.goals.types import CHECK_TYPE, GOAL_TYPE, PART_TYPE, GoalCheckType, GoalPartType, GoalType
from server.kernel.relay import NodeType


async def load_goal_node(context: Any, key: str) -> GoalType | None:
    goal = await context.loader(GoalByIdLoader).load(key)
    return GoalType.from_row(goal) if goal is not None else None


async def _visible_part(context: Any, goal_id: str, part_key: str) -> Any:
    if await context.loader(GoalByIdLoader).load(goal_id) is None:
        return None
    return next((part for part in await context.loader(PartsByGoalLoader).load(goal_id) if part.part_key == part_key), None)


async def load_part_node(context: Any, key: str) -> GoalPartType | None:
    goal_id, _, part_key = key.partition("/")
    part = await _visible_part(context, goal_id, part_key)
    return GoalPartType.from_row(part) if part is not None else None


async def load_check_node(context: Any, key: str) -> GoalCheckType | None:
    check = await check_by_id(context.session, key)
    if check is None or await context.loader(GoalByIdLoader).load(check.goal_id) is None:
        return None
    if check.part_key != GOAL_PART and await _visible_part(context, check.goal_id, check.part_key) is None:
        return None
    return GoalCheckType.from_row(check)


NODES = (
    NodeType(GOAL_TYPE, load_goal_node),
    NodeType(PART_TYPE, load_part_node),
    NodeType(CHECK_TYPE, load_check_node),
)
