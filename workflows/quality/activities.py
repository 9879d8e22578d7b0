"""The re-scoring activity: one batch of conversations scored and the job's progress, in one transaction."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.db import transaction
from server.quality.rescoring import rescore_batch
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
