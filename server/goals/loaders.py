"""Per-request loaders of goals, their visible parts and their checks (one statement per batch)."""

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from server.authz.guards import require_rows
from server.goals.models import Goal, GoalCheck, GoalPart
from server.goals.repository import GoalRepository, ScopedGoals, ScopedParts

GOAL_RECORD, PART_RECORD = "Goal", "GoalPart"


class GoalByIdLoader(DataLoader[str, Goal | None]):
    """Goals by id, as far as the caller's ``Goal`` scope reaches."""

    def __init__(self, context: Any) -> None:
        self.context = context
        super().__init__(load_fn=self._load)

    async def _load(self, goal_ids: Sequence[str]) -> list[Goal | None]:
        scope = await require_rows(self.context, GOAL_RECORD)
        found = await ScopedGoals(self.context.session, scope).visible(goal_ids)
        return [found.get(goal_id) for goal_id in goal_ids]


class PartsByGoalLoader(DataLoader[str, list[GoalPart]]):
    """A goal's parts the caller's ``GoalPart`` scope reaches (none without one)."""

    def __init__(self, context: Any) -> None:
        self.context = context
        super().__init__(load_fn=self._load)

    async def _load(self, goal_ids: Sequence[str]) -> list[list[GoalPart]]:
        scope = await self.context.authorization.row_scope(self.context.session, PART_RECORD)
        if scope.empty:
            return [[] for _ in goal_ids]
        found = await ScopedParts(self.context.session, scope).of_goals(goal_ids)
        return [found[goal_id] for goal_id in goal_ids]


class ChecksByPartLoader(DataLoader[tuple[str, str], list[GoalCheck]]):
    """Checks by (goal, part), oldest first; reached only through a goal or part the caller sees."""

    def __init__(self, context: Any) -> None:
        self.context = context
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[tuple[str, str]]) -> list[list[GoalCheck]]:
        found = await GoalRepository(self.context.session).checks_of_parts(keys)
        return [found[key] for key in keys]
