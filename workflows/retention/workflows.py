"""Retention workflows: one run, and the daily schedule that keeps running them.

The schedule is a workflow with a durable timer rather than a Temporal Schedule, so it
runs on the time-skipping test server as well (which has no Schedules) and months of
daily runs are tested in seconds.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from server.timefmt import to_us
    from workflows.retention.activities import RetentionActivities
    from workflows.retention.inputs import RetentionRunInput, RetentionRunResult, RetentionScheduleInput

RUN_TIMEOUT = timedelta(hours=1)
RUN_RETRY = RetryPolicy(initial_interval=timedelta(seconds=5), maximum_interval=timedelta(minutes=10))
SCHEDULE_WORKFLOW_ID = "coachloop-retention-schedule"


@workflow.defn
class ApplyRetentionWorkflow:
    """Apply the retention policy once, as of the workflow's own clock."""

    @workflow.run
    async def run(self) -> RetentionRunResult:
        return await workflow.execute_activity_method(
            RetentionActivities.apply,
            RetentionRunInput(now_us=to_us(workflow.now())),
            start_to_close_timeout=RUN_TIMEOUT,
            retry_policy=RUN_RETRY,
        )


@workflow.defn
class RetentionScheduleWorkflow:
    """Every interval: apply retention, then sleep; continues as new to keep its history short."""

    @workflow.run
    async def run(self, schedule: RetentionScheduleInput) -> list[RetentionRunResult]:
        results = list(schedule.results)
        for _run in range(schedule.runs_per_history):
            if schedule.runs is not None and len(results) >= schedule.runs:
                return results
            result = await workflow.execute_activity_method(
                RetentionActivities.apply,
                RetentionRunInput(now_us=to_us(workflow.now())),
                start_to_close_timeout=RUN_TIMEOUT,
                retry_policy=RUN_RETRY,
            )
            if schedule.runs is not None:
                results.append(result)
            await workflow.sleep(timedelta(seconds=schedule.interval_seconds))
        workflow.continue_as_new(
            RetentionScheduleInput(
                interval_seconds=schedule.interval_seconds,
                runs=schedule.runs,
                runs_per_history=schedule.runs_per_history,
                results=results,
            )
        )
