"""Webhook activities: send one signed attempt with httpx, record it; park a delivery after its last attempt."""

import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.db import transaction
from server.notifications.sending import park_delivery, prepare_attempt, record_attempt
from server.timefmt import now_us
from workflows.notifications.inputs import AttemptInput, AttemptResult, ParkInput

REQUEST_TIMEOUT_SECONDS = 10.0
ERROR_TEXT_LIMIT = 500


class WebhookActivities:
    """Activities of webhook delivery, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    @activity.defn(name="send_webhook")
    async def send(self, request: AttemptInput) -> AttemptResult:
        """POST the delivery's body, signed, to its endpoint; the answer (or the failure) is recorded."""
        async with self.sessionmaker() as session:
            prepared = await prepare_attempt(
                session, request.delivery_id, request.round, at_us=request.sent_at_us, secrets_at_us=now_us()
            )
        if prepared is None:
            return AttemptResult(delivered=False, settled=True)
        status_code: int | None = None
        error: str | None = None
        try:
            async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS) as client:
                response = await client.post(prepared.url, content=prepared.body, headers=prepared.headers)
            status_code = response.status_code
            if not response.is_success:
                error = f"HTTP {status_code}"
        except httpx.HTTPError as failure:
            error = f"{type(failure).__name__}: {failure}"[:ERROR_TEXT_LIMIT]
        async with transaction(self.sessionmaker) as session:
            await record_attempt(
                session, request.delivery_id, request.round, at_us=request.sent_at_us, status_code=status_code, error=error
            )
        return AttemptResult(delivered=error is None, settled=False, status_code=status_code, error=error)

    @activity.defn(name="park_webhook_delivery")
    async def park(self, request: ParkInput) -> None:
        async with transaction(self.sessionmaker) as session:
            await park_delivery(session, request.delivery_id, request.round)
