"""``node(id:)`` for goals, through the caller's ``Goal`` scope."""

from typing import Any

from server.goals.loaders import GoalByIdLoader
from server.goals.types import GOAL_TYPE, GoalType
from server.kernel.relay import NodeType


async def load_goal_node(context: Any, key: str) -> GoalType | None:
    if context.authorization is None:
        return None
    goal = await context.loader(GoalByIdLoader).load(key)
    return GoalType.from_row(goal) if goal is not None else None


NODES = (NodeType(GOAL_TYPE, load_goal_node),)
