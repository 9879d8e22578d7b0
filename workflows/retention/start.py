"""Starting the daily retention workflow (once per deployment: a second start joins the running one)."""

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy

from server.config import Settings
from workflows.retention.inputs import RetentionScheduleInput
from workflows.retention.workflows import SCHEDULE_WORKFLOW_ID, RetentionScheduleWorkflow


async def ensure_retention_schedule(client: Client, settings: Settings, *, task_queue: str | None = None) -> WorkflowHandle:
    """The running retention schedule, started if there is none."""
    return await client.start_workflow(
        RetentionScheduleWorkflow.run,
        RetentionScheduleInput(),
        id=SCHEDULE_WORKFLOW_ID,
        task_queue=task_queue or settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
