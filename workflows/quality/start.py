"""Starting the re-scoring workflow of a job, named after the job so a second start is a no-op."""

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from workflows.quality.inputs import RescoreInput
from workflows.quality.workflows import RescoreWorkflow


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
