"""The re-scoring activity: one batch of conversations scored and the job's progress, in one transaction."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.db import transaction
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.quality.rescoring import pending_scoring, rescore_batch
from server.timefmt import now_us
from workflows.quality.inputs import RescoreBatchInput


class QualityActivities:
    """Activities of the quality feature, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    @activity.defn(name="qa_rescore_batch")
    async def rescore_batch(self, request: RescoreBatchInput) -> bool:
        """Score the job's next batch; False once the job is done."""
        async with transaction(self.sessionmaker) as session:
            return await rescore_batch(session, request.job_id, request.limit, now_us=now_us())

    @activity.defn(name="qa_score_pending")
    async def score_pending(self) -> int:
        """Complete the pending ``quality.score`` intents (each in its own claim transaction); how many this call ran."""
        handlers = intent_handlers(installed_features())
        ran = 0
        for intent_id in await pending_scoring(self.sessionmaker):
            ran += await complete_intent(self.sessionmaker, intent_id, handlers, self.settings, now_us=now_us())
            activity.heartbeat(ran)
        return ran
