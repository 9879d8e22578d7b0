"""Starting or signalling ``plan-<id>``: signal-with-start, so a start is idempotent and a change reaches a running plan."""

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from workflows.coaching.inputs import PlanWorkflowInput, SweepInput
from workflows.coaching.workflows import CHANGED_SIGNAL, CoachingPlanWorkflow, CoachingRulesSweepWorkflow


def plan_workflow_id(plan_id: str) -> str:
    return f"plan-{plan_id}"


async def ensure_plan_workflow(client: Client, task_queue: str, plan_id: str) -> None:
    """Start ``plan-<id>`` if it never ran, or tell the running one that the plan changed; a finished one stays finished."""
    try:
        await client.start_workflow(
            CoachingPlanWorkflow.run, PlanWorkflowInput(plan_id), id=plan_workflow_id(plan_id), task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE, start_signal=CHANGED_SIGNAL,
        )
    except WorkflowAlreadyStartedError:
        return


SWEEP_WORKFLOW_ID = "coaching-rules-sweep"


async def ensure_rules_sweep(client: Client, task_queue: str) -> WorkflowHandle:
    """The running daily sweep of the metric-based coaching rules, started if there is none."""
    return await client.start_workflow(
        CoachingRulesSweepWorkflow.run, SweepInput(), id=SWEEP_WORKFLOW_ID, task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
