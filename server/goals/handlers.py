"""The goal intents' handlers: start the goal's workflow, or signal it a change, once the change committed.

Both are idempotent: the workflow id is ``goal-<id>``, and a signal only makes the
workflow read the goal again. The start is recorded on the goal through the intent's
claim session, so ``workflowState`` turns STARTED with the claim.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from temporalio.client import Client

from server.config import Settings
from server.goals.models import Goal
from server.intents.service import claim_session
from server.kernel.feature import IntentHandler
from server.timefmt import now_us
from workflows.client import connect
from workflows.goals.start import signal_goal_changed, start_goal_workflow

ClientFactory = Callable[[Settings], Awaitable[Client]]


def start_handler(client_for: ClientFactory = connect) -> IntentHandler:
    async def complete(payload: Mapping[str, Any], settings: Settings) -> None:
        goal_id = payload["goal_id"]
        await start_goal_workflow(await client_for(settings), settings.temporal_task_queue, goal_id)
        session = claim_session()
        goal = await session.get(Goal, goal_id)
        if goal is not None and goal.workflow_started_at_us is None:
            goal.workflow_started_at_us = now_us()
            session.add(goal)

    return complete


def signal_handler(client_for: ClientFactory = connect) -> IntentHandler:
    async def complete(payload: Mapping[str, Any], settings: Settings) -> None:
        await signal_goal_changed(await client_for(settings), payload["goal_id"])

    return complete


complete_start = start_handler()
complete_signal = signal_handler()
