"""The ingestion hook: in the batch's transaction, note which touched conversations have ended, to be scored after commit."""

from sqlmodel.ext.asyncio.session import AsyncSession

from server.ingestion.hooks import TouchedKeys
from server.intents.service import record_intent
from server.quality.records import CHUNK, ended_among
from server.timefmt import now_us

SCORE_INTENT = "quality.score"


async def queue_auto_qa(session: AsyncSession, touched: TouchedKeys) -> None:
    """One ``quality.score`` intent per 500 ended conversations the batch touched (a reopened one is scored again)."""
    if not touched.conversation_ids:
        return
    ended = await ended_among(session, sorted(touched.conversation_ids))
    for start in range(0, len(ended), CHUNK):
        record_intent(session, SCORE_INTENT, {"conversation_ids": ended[start:start + CHUNK]}, now_us=now_us())
