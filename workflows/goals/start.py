"""Starting and signalling goal workflows, named ``goal-<id>`` so a second start is a no-op."""

from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from workflows.goals.inputs import GoalWorkflowInput
from workflows.goals.workflows import GoalWorkflow, goal_workflow_id


async def start_goal_workflow(client: Client, task_queue: str, goal_id: str) -> WorkflowHandle[Any, Any] | None:
    """Start the goal's workflow; None when it was started already."""
    try:
        return await client.start_workflow(
            GoalWorkflow.run, GoalWorkflowInput(goal_id), id=goal_workflow_id(goal_id), task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:
        return None


async def signal_goal_changed(client: Client, goal_id: str) -> bool:
    """Tell a running goal workflow to re-read its goal; False when none runs (it reads the goal when it starts)."""
    try:
        await client.get_workflow_handle(goal_workflow_id(goal_id)).signal(GoalWorkflow.goal_changed)
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            return False
        raise
    return True
