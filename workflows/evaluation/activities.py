"""The review activities: read a team's cadence; write the review of one period and deliver its notification."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.db import transaction
from server.evaluation.review import compile_review
from server.evaluation.schedules import schedule_state
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.timefmt import now_us
from workflows.evaluation.inputs import CompiledReview, CompileReviewInput, ReviewScheduleState


class ReviewActivities:
    """Activities of the review schedule, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    @activity.defn(name="team_review_schedule_of")
    async def schedule_of(self, team_id: str) -> ReviewScheduleState:
        async with self.sessionmaker() as session:
            interval_days, enabled = await schedule_state(session, team_id, self.settings)
        return ReviewScheduleState(interval_days, enabled)

    @activity.defn(name="compile_team_review")
    async def compile(self, request: CompileReviewInput) -> CompiledReview:
        """Write the period's review once (a retry finds it), then deliver its notification."""
        async with transaction(self.sessionmaker) as session:
            written = await compile_review(
                session, self.settings, request.team_id, request.period_start_us, request.period_end_us,
                trigger="schedule", now_us=request.now_us,
            )
        handlers = intent_handlers(installed_features())
        for intent_id in written.intent_ids:
            await complete_intent(self.sessionmaker, intent_id, handlers, self.settings, now_us=now_us())
        return CompiledReview(written.review.review_id, written.new)
