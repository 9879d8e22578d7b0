"""Starting a team's review schedule: one workflow per team, named after it, so a second start joins the running one."""

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy

from workflows.evaluation.inputs import TeamReviewScheduleInput
from workflows.evaluation.workflows import TeamReviewScheduleWorkflow, schedule_workflow_id


async def start_review_schedule_workflow(
    client: Client, team_id: str, first_period_end_us: int, *, task_queue: str, runs: int | None = None,
) -> WorkflowHandle:
    """The team's running schedule, started when there is none."""
    return await client.start_workflow(
        TeamReviewScheduleWorkflow.run,
        TeamReviewScheduleInput(team_id=team_id, period_end_us=first_period_end_us, runs=runs),
        id=schedule_workflow_id(team_id),
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
