"""The intent that starts a team's review schedule on Temporal, after the change that asked for it committed."""

from collections.abc import Mapping
from typing import Any

from server.config import Settings
from server.evaluation.schedules import next_local_midnight_us
from server.timefmt import now_us
from workflows.client import connect
from workflows.evaluation.start import start_review_schedule_workflow


async def start_review_schedule(payload: Mapping[str, Any], settings: Settings) -> None:
    """Start ``team-review-<team>`` (a running one is kept); the first period ends at the next local midnight."""
    client = await connect(settings)
    first_end = next_local_midnight_us(now_us(), settings.zone)
    await start_review_schedule_workflow(client, payload["team_id"], first_end, task_queue=settings.temporal_task_queue)
