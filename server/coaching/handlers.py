"""The plan workflow intent: start ``plan-<id>`` or signal it, after the change that asked for it committed."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from temporalio.client import Client

from server.coaching.models import CoachingPlan
from server.coaching.plans import ACTIVE, PLAN_WORKFLOW_INTENT
from server.config import Settings
from server.intents.service import claim_session
from server.kernel.feature import IntentHandler
from server.timefmt import now_us
from workflows.client import connect
from workflows.coaching.start import ensure_plan_workflow

ClientFactory = Callable[[Settings], Awaitable[tuple[Client, str]]]
"""The Temporal client and task queue plans run on."""


async def configured_client(settings: Settings) -> tuple[Client, str]:
    return await connect(settings), settings.temporal_task_queue


def plan_workflow_handler(client_for: ClientFactory = configured_client) -> IntentHandler:
    """Signal-with-start the plan's workflow; the plan records when it was first started."""

    async def complete(payload: Mapping[str, Any], settings: Settings) -> None:
        session = claim_session()
        plan = await session.get(CoachingPlan, payload["plan_id"])
        if plan is None or (plan.workflow_started_at_us is None and plan.status != ACTIVE):
            return  # gone, or cancelled before it ever ran: nothing to start
        client, task_queue = await client_for(settings)
        await ensure_plan_workflow(client, task_queue, plan.plan_id)
        if plan.workflow_started_at_us is None:
            plan.workflow_started_at_us = now_us()
            await session.flush()

    return complete


def coaching_handlers(client_for: ClientFactory) -> dict[str, IntentHandler]:
    return {PLAN_WORKFLOW_INTENT: plan_workflow_handler(client_for)}


complete_plan_workflow = plan_workflow_handler()
