"""Starting the quality workflows: a job's re-scoring (named after the job, so a second start is a no-op) and the
auto-QA schedule (once per deployment: a second start joins the running one)."""

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from server.config import Settings
from workflows.quality.inputs import AutoQaInput, RescoreInput
from workflows.quality.workflows import AUTO_QA_WORKFLOW_ID, AutoQaWorkflow, RescoreWorkflow


def rescore_workflow_id(job_id: str) -> str:
    return f"qa-rescore-{job_id}"


async def start_rescore(client: Client, task_queue: str, job_id: str, batch_size: int | None = None) -> None:
    """Start the job's workflow unless it was started before."""
    request = RescoreInput(job_id) if batch_size is None else RescoreInput(job_id, batch_size)
    try:
        await client.start_workflow(
            RescoreWorkflow.run, request, id=rescore_workflow_id(job_id), task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:
        return


async def ensure_auto_qa(client: Client, settings: Settings, *, task_queue: str | None = None,
                         schedule: AutoQaInput | None = None) -> WorkflowHandle:
    """The running auto-QA schedule, started if there is none."""
    return await client.start_workflow(
        AutoQaWorkflow.run, schedule or AutoQaInput(), id=AUTO_QA_WORKFLOW_ID,
        task_queue=task_queue or settings.temporal_task_queue, id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
