"""The retention activity: read policies/retention.yaml and apply it in one transaction."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.db import transaction
from server.retention.policy import load_retention_policy
from server.retention.service import apply_retention
from workflows.retention.inputs import RetentionRunInput, RetentionRunResult


class RetentionActivities:
    """Activities of the retention flow, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    @activity.defn(name="apply_retention")
    async def apply(self, request: RetentionRunInput) -> RetentionRunResult:
        """Anonymise and purge what is due as of ``request.now_us``; running it twice changes nothing more."""
        policy = load_retention_policy(self.settings.policies_dir)
        async with transaction(self.sessionmaker) as session:
            report = await apply_retention(session, policy, now_us=request.now_us, request_id=f"retention-{request.now_us}")
        return RetentionRunResult(now_us=request.now_us, **report.as_dict())
