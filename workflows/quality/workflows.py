"""The re-scoring workflow: batches until the job's period is done (continue-as-new keeps long backfills' history small;
the job row holds the cursor)."""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows.quality.activities import QualityActivities
    from workflows.quality.inputs import RescoreBatchInput, RescoreInput

BATCH_TIMEOUT = timedelta(minutes=5)
RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=10)
BATCHES_PER_RUN = 500


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
