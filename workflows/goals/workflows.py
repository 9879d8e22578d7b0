"""The goal workflow: a durable timer to each milestone, one check per milestone, then close the goal met or missed.

Deterministic: time is ``workflow.now()``, waits are durable timers; a change or a
cancellation arrives as the ``goal_changed`` signal and the workflow re-reads the goal.
Long goals (hourly cadences over months) continue as new every ``milestones_per_run`` checks.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from server.timefmt import to_us
    from workflows.goals.activities import GOAL_NOT_FOUND, GoalActivities
    from workflows.goals.inputs import GoalOutcome, GoalRef, GoalSchedule, GoalWorkflowInput, MilestoneInput

ACTIVITY_TIMEOUT = timedelta(minutes=5)
RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1), maximum_attempts=10,
    non_retryable_error_types=[GOAL_NOT_FOUND],
)

def goal_workflow_id(goal_id: str) -> str:
    return f"goal-{goal_id}"


@workflow.defn
class GoalWorkflow:
    """Runs one goal from its next milestone to its close."""

    def __init__(self) -> None:
        self._changed = False

    @workflow.signal
    def goal_changed(self) -> None:
        """The goal was changed or cancelled: read it again."""
        self._changed = True

    async def _schedule(self, goal_id: str) -> GoalSchedule:
        self._changed = False
        return await workflow.execute_activity_method(
            GoalActivities.schedule, GoalRef(goal_id), start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=RETRY
        )

    async def _wait_until(self, instant_us: int) -> bool:
        """Sleep on a durable timer until ``instant_us``; False when a change arrived first."""
        wait_us = instant_us - to_us(workflow.now())
        if wait_us <= 0:
            return not self._changed
        try:
            await workflow.wait_condition(lambda: self._changed, timeout=timedelta(microseconds=wait_us))
        except TimeoutError:
            return True
        return False

    @workflow.run
    async def run(self, request: GoalWorkflowInput) -> GoalOutcome:
        schedule = await self._schedule(request.goal_id)
        milestone, checked_here = request.next_milestone, 0
        while schedule.status == "active" and schedule.milestones_us:
            milestone = min(milestone, len(schedule.milestones_us))
            if not await self._wait_until(schedule.milestones_us[milestone - 1]):
                schedule = await self._schedule(request.goal_id)
                continue
            step = MilestoneInput(request.goal_id, milestone)
            if milestone == len(schedule.milestones_us):
                closed = await workflow.execute_activity_method(
                    GoalActivities.close, step, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=RETRY
                )
                return GoalOutcome(request.goal_id, closed.status, milestone)
            await workflow.execute_activity_method(
                GoalActivities.check, step, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=RETRY
            )
            milestone, checked_here = milestone + 1, checked_here + 1
            if self._changed:
                schedule = await self._schedule(request.goal_id)
            if checked_here >= request.milestones_per_run or workflow.info().is_continue_as_new_suggested():
                workflow.continue_as_new(GoalWorkflowInput(request.goal_id, milestone, request.milestones_per_run))
        return GoalOutcome(request.goal_id, schedule.status, milestone - 1)
