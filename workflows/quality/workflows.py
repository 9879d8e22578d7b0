"""The re-scoring workflow: batches until the job's period is done (continue-as-new keeps long backfills' history small;
the job row holds the cursor)."""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows.quality.activities import QualityActivities
    from workflows.quality.inputs import AutoQaInput, RescoreBatchInput, RescoreInput

BATCH_TIMEOUT = timedelta(minutes=5)
RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=10)
BATCHES_PER_RUN = 500
SCORING_TIMEOUT = timedelta(minutes=30)
SCORING_HEARTBEAT = timedelta(minutes=2)
AUTO_QA_WORKFLOW_ID = "qa-auto-scoring"


@workflow.defn
class RescoreWorkflow:
    """Re-score the ended conversations of one job's period, batch after batch."""

    @workflow.run
    async def run(self, request: RescoreInput) -> str:
        for _ in range(BATCHES_PER_RUN):
            more = await workflow.execute_activity_method(
                QualityActivities.rescore_batch,
                RescoreBatchInput(request.job_id, request.batch_size),
                start_to_close_timeout=BATCH_TIMEOUT,
                retry_policy=RETRY,
            )
            if not more:
                return request.job_id
        workflow.continue_as_new(request)


@workflow.defn
class AutoQaWorkflow:
    """Every interval: score the conversations that ended since (their pending intents), then sleep."""

    @workflow.run
    async def run(self, schedule: AutoQaInput) -> int:
        scored = schedule.scored
        done = 0
        for _run in range(schedule.runs_per_history):
            if schedule.runs is not None and done >= schedule.runs:
                return scored
            scored += await workflow.execute_activity_method(
                QualityActivities.score_pending,
                start_to_close_timeout=SCORING_TIMEOUT,
                heartbeat_timeout=SCORING_HEARTBEAT,
                retry_policy=RETRY,
            )
            done += 1
            await workflow.sleep(timedelta(seconds=schedule.interval_seconds))
        remaining = None if schedule.runs is None else schedule.runs - done
        workflow.continue_as_new(AutoQaInput(schedule.interval_seconds, remaining, schedule.runs_per_history, scored))
