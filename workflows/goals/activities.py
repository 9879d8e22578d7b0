"""Goal activities: read the schedule, check one milestone, close the goal; each idempotent per goal and milestone."""

import logging

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity
from temporalio.exceptions import ApplicationError

from server.config import Settings
from server.db import transaction
from server.errors import NotFound
from server.goals.checks import close_goal, milestone_instants, period_of, run_check
from server.goals.repository import GoalRepository
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.timefmt import now_us
from workflows.goals.inputs import GoalRef, GoalSchedule, MilestoneInput, MilestoneResult

logger = logging.getLogger(__name__)
GOAL_NOT_FOUND = "GoalNotFound"


class GoalActivities:
    """Activities of the goal workflow, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    @activity.defn(name="goal_schedule")
    async def schedule(self, request: GoalRef) -> GoalSchedule:
        """The goal's status, revision and milestones; a goal that does not exist is a non-retryable error."""
        async with self.sessionmaker() as session:
            goal = await GoalRepository(session).get(request.goal_id)
        if goal is None:
            raise ApplicationError(f"goal {request.goal_id} does not exist", type=GOAL_NOT_FOUND, non_retryable=True)
        instants = milestone_instants(period_of(goal, self.settings), goal.cadence_s) if goal.status == "active" else []
        return GoalSchedule(goal.status, goal.revision, instants)

    @activity.defn(name="check_goal_milestone")
    async def check(self, request: MilestoneInput) -> MilestoneResult:
        """Check milestone k once: a retried or replayed call finds the stored checks."""
        try:
            async with transaction(self.sessionmaker) as session:
                outcome = await run_check(session, self.settings, request.goal_id, milestone=request.milestone, now_us=now_us())
        except NotFound as error:
            raise ApplicationError(error.message, type=GOAL_NOT_FOUND, non_retryable=True) from error
        await self._deliver(outcome.intents)
        return MilestoneResult(outcome.goal_check.status, outcome.new)

    @activity.defn(name="close_goal")
    async def close(self, request: MilestoneInput) -> MilestoneResult:
        """Check the last milestone and close the goal met or missed (a closed goal stays as it is)."""
        try:
            async with transaction(self.sessionmaker) as session:
                status, intents = await close_goal(session, self.settings, request.goal_id, milestone=request.milestone, now_us=now_us())
        except NotFound as error:
            raise ApplicationError(error.message, type=GOAL_NOT_FOUND, non_retryable=True) from error
        await self._deliver(intents)
        return MilestoneResult(status, bool(intents))

    async def _deliver(self, intent_ids: list[str]) -> None:
        """Nudge the notification intents written with the check; the sweeper completes any that fail here."""
        handlers = intent_handlers(installed_features())
        for intent_id in intent_ids:
            try:
                await complete_intent(self.sessionmaker, intent_id, handlers, self.settings, now_us=now_us())
            except Exception:
                logger.exception("notification intent %s left to the sweeper", intent_id)
