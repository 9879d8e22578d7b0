"""A coaching plan's workflow to its evaluation date, and the periodic sweep of metric-based rules.

The plan workflow holds no plan data: at each step an activity reads the plan, sends the
reminders and escalations due by the workflow's clock, ends the plan at its evaluation
date, and answers when to look again. Between steps it waits on a durable timer or the
``plan_changed`` signal (a task added, a due date moved, the plan cancelled).
"""

import contextlib
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from server.timefmt import to_us
    from workflows.coaching.activities import CoachingActivities
    from workflows.coaching.inputs import (
        AdvanceInput, AdvanceResult, PlanOutcome, PlanWorkflowInput, SweepInput, SweepRequest, SweepResult,
    )

CHANGED_SIGNAL = "plan_changed"
STEP_TIMEOUT = timedelta(seconds=60)
SWEEP_TIMEOUT = timedelta(minutes=10)
STEP_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1), maximum_attempts=10,
    non_retryable_error_types=["PlanNotFound"],
)


@workflow.defn
class CoachingPlanWorkflow:
    """``plan-<id>``: reminders a day before each due date, escalations when overdue, the evaluation at the end."""

    def __init__(self) -> None:
        self.changed = False

    @workflow.signal(name=CHANGED_SIGNAL)
    def plan_changed(self) -> None:
        self.changed = True

    @workflow.run
    async def run(self, request: PlanWorkflowInput) -> PlanOutcome:
        reminders = escalations = 0
        for _step in range(request.steps_before_continue):
            self.changed = False
            result: AdvanceResult = await workflow.execute_activity_method(
                CoachingActivities.advance_plan, AdvanceInput(request.plan_id, to_us(workflow.now())),
                start_to_close_timeout=STEP_TIMEOUT, retry_policy=STEP_RETRY,
            )
            reminders += result.reminders
            escalations += result.escalations
            if result.finished:
                return PlanOutcome(request.plan_id, result.status, reminders, escalations)
            assert result.next_at_us is not None
            wait_us = max(result.next_at_us - to_us(workflow.now()), 1_000_000)
            if not self.changed:
                with contextlib.suppress(TimeoutError):
                    await workflow.wait_condition(lambda: self.changed, timeout=timedelta(microseconds=wait_us))
        workflow.continue_as_new(request)


@workflow.defn
class CoachingRulesSweepWorkflow:
    """Evaluates the metric-based coaching rules (trends, KB search, peak abandonment) every ``every_hours``."""

    @workflow.run
    async def run(self, request: SweepInput) -> SweepResult:
        total = 0
        for _sweep in range(request.sweeps_before_continue):
            result: SweepResult = await workflow.execute_activity_method(
                CoachingActivities.sweep_rules, SweepRequest(to_us(workflow.now())),
                start_to_close_timeout=SWEEP_TIMEOUT, retry_policy=STEP_RETRY,
            )
            total += result.actions
            await workflow.sleep(timedelta(hours=request.every_hours))
        workflow.continue_as_new(request)
