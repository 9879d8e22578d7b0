"""Coaching activities: one step of a plan, one sweep of the metric-based rules; each in one transaction.

Both are idempotent: what a step or a sweep writes is keyed (a task's reminder and
escalation instants, dedup keys, the remediation keys), so a retry adds nothing. The
intents they write (deliveries, plan workflow starts) are nudged after the commit; any
that fail stay pending for ``coachloop intents sweep``.
"""

import logging

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity
from temporalio.exceptions import ApplicationError

from server.coaching.progress import advance_plan
from server.coaching.sweep import sweep
from server.config import Settings
from server.db import transaction
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.timefmt import now_us
from workflows.coaching.inputs import AdvanceInput, AdvanceResult, SweepRequest, SweepResult

logger = logging.getLogger(__name__)


class PlanNotFound(ApplicationError):
    """The workflow names a plan that does not exist: retrying cannot help."""

    def __init__(self, plan_id: str) -> None:
        super().__init__(f"no coaching plan {plan_id}", type="PlanNotFound", non_retryable=True)


class CoachingActivities:
    """Activities of the coaching workflows, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    async def _nudge(self, intents: list[str]) -> None:
        if not intents:
            return
        handlers = intent_handlers(installed_features())
        for intent_id in intents:
            try:
                await complete_intent(self.sessionmaker, intent_id, handlers, self.settings, now_us=now_us())
            except Exception:  # noqa: BLE001  (left pending for the intent sweeper)
                logger.warning("intent %s left pending for the sweeper", intent_id, exc_info=True)

    @activity.defn(name="advance_coaching_plan")
    async def advance_plan(self, request: AdvanceInput) -> AdvanceResult:
        """Send what is due by the workflow's clock, end the plan at its evaluation date; when to look again."""
        async with transaction(self.sessionmaker) as session:
            step = await advance_plan(session, request.plan_id, request.at_us)
            if step is None:
                raise PlanNotFound(request.plan_id)
        await self._nudge(step.intents)
        return AdvanceResult(
            finished=step.next_at_us is None, status=step.status, next_at_us=step.next_at_us,
            reminders=step.reminders, escalations=step.escalations,
        )

    @activity.defn(name="sweep_coaching_rules")
    async def sweep_rules(self, request: SweepRequest) -> SweepResult:
        """Evaluate the metric-based rules for the week of ``at_us``."""
        async with transaction(self.sessionmaker) as session:
            taken, pending = await sweep(session, request.at_us, self.settings)
        await self._nudge(pending)
        return SweepResult(actions=taken)
