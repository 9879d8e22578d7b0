"""After-commit work of the quality feature: the ``quality.score`` intent scores its conversations in the claim's transaction."""

from collections.abc import Mapping
from typing import Any

from server.config import Settings
from server.intents.service import claim_session
from server.quality.scoring import score_conversations
from server.timefmt import now_us


async def complete_scoring(payload: Mapping[str, Any], _settings: Settings) -> None:
    """Score the conversations the intent names; the reviews commit with the claim, so each intent scores once."""
    await score_conversations(claim_session(), list(payload["conversation_ids"]), now_us=now_us())
