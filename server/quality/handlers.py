"""After-commit work of the quality feature: ``quality.score`` scores in the claim's transaction; ``quality.rescore``
starts the re-scoring workflow."""

from collections.abc import Mapping
from typing import Any

from server.config import Settings
from server.intents.service import claim_session
from server.quality.scoring import score_conversations
from server.timefmt import now_us
from workflows.client import connect
from workflows.quality.start import start_rescore


async def complete_scoring(payload: Mapping[str, Any], _settings: Settings) -> None:
    """Score the conversations the intent names; the reviews commit with the claim, so each intent scores once."""
    await score_conversations(claim_session(), list(payload["conversation_ids"]), now_us=now_us())


async def complete_rescore(payload: Mapping[str, Any], settings: Settings) -> None:
    """Start the job's re-scoring workflow (named after the job: a repeated start is a no-op)."""
    await start_rescore(await connect(settings), settings.temporal_task_queue, payload["job_id"])
