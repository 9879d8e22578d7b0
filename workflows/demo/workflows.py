"""LoadDemoDataWorkflow: the demo organisation's event stream, ingested one idempotent batch at a time."""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows.demo.activities import DemoActivities
    from workflows.demo.inputs import DemoBatchInput, LoadDemoDataInput, LoadDemoDataResult

BATCH_TIMEOUT = timedelta(minutes=10)
BATCH_HEARTBEAT_TIMEOUT = timedelta(seconds=10)
"""A batch cut short by a dead worker is retried elsewhere after at most this long (the activity beats every second)."""
BATCH_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30))
SEED_TIMEOUT = timedelta(minutes=5)
SEED_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30), maximum_attempts=10)
SEED_PATCH = "seed-demo-records"
"""Loads that started before the demo seeded feature records replay without the seeding step."""


@workflow.defn
class LoadDemoDataWorkflow:
    """Loads batch 0, 1, 2, … until the stream ends, then lets features seed their demo records; a retried batch only finds duplicates."""

    def __init__(self) -> None:
        self._progress = LoadDemoDataResult()

    @workflow.run
    async def run(self, request: LoadDemoDataInput) -> LoadDemoDataResult:
        batch_index = 0
        while True:
            batch = await workflow.execute_activity_method(
                DemoActivities.load_batch,
                DemoBatchInput(
                    conversations=request.conversations,
                    seed=request.seed,
                    batch_size=request.batch_size,
                    batch_index=batch_index,
                ),
                start_to_close_timeout=BATCH_TIMEOUT,
                heartbeat_timeout=BATCH_HEARTBEAT_TIMEOUT,
                retry_policy=BATCH_RETRY,
            )
            self._progress = self._progress.add(batch)
            if batch.last:
                if workflow.patched(SEED_PATCH):
                    await workflow.execute_activity_method(
                        DemoActivities.seed_records, request, start_to_close_timeout=SEED_TIMEOUT, retry_policy=SEED_RETRY,
                    )
                return self._progress
            batch_index += 1

    @workflow.query
    def progress(self) -> LoadDemoDataResult:
        """Totals of the batches loaded so far."""
        return self._progress
