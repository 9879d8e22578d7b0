"""The demo-loading activity: regenerate one slice of the deterministic demo stream and ingest it."""

import asyncio
from datetime import timedelta
from itertools import islice

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.db import transaction
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.demo.generator import generate_events
from server.demo.organisation import TIMEZONE
from server.demo.period import Period
from server.ingestion.service import ingest_events
from server.kernel.domain_events import publish
from workflows.demo.inputs import DemoBatchInput, DemoBatchResult, LoadDemoDataInput

HEARTBEAT_EVERY = timedelta(seconds=1)


def demo_batch(request: DemoBatchInput) -> tuple[list[dict], bool]:
    """The events of batch ``request.batch_index`` and whether the stream ends within it."""
    start = request.batch_index * request.batch_size
    window = list(islice(generate_events(request.conversations, request.seed), start, start + request.batch_size + 1))
    return window[: request.batch_size], len(window) <= request.batch_size


class DemoActivities:
    """Activities of the demo flow, bound to the worker's database and settings."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    @activity.defn(name="load_demo_batch")
    async def load_batch(self, request: DemoBatchInput) -> DemoBatchResult:
        """Ingest one batch; event ids make a re-delivered batch all duplicates, never a double count.

        It heartbeats every ``HEARTBEAT_EVERY`` while it works, so a worker that dies is
        noticed within the workflow's short heartbeat timeout, not the batch's length.
        """
        beating = asyncio.create_task(_heartbeat(request.batch_index))
        try:
            events, last = await asyncio.to_thread(demo_batch, request)
            report = await ingest_events(self.sessionmaker, events, settings=self.settings, batch_size=request.batch_size)
        finally:
            beating.cancel()
        return DemoBatchResult(
            events=len(events),
            accepted=report.accepted,
            duplicates=report.duplicates,
            conflicts=report.conflicts,
            rejected=report.rejected,
            last=last,
            attempt=activity.info().attempt,
        )

    @activity.defn(name="seed_demo_records")
    async def seed_records(self, request: LoadDemoDataInput) -> int:
        """Publish ``demo.loaded`` at the stream's end, so features seed their demo records (each does so once)."""
        period = Period(request.conversations, None)
        async with transaction(self.sessionmaker) as session:
            return await publish(session, DEMO_LOADED, DemoLoaded(now_us=period.end * 1_000_000, timezone=TIMEZONE))


async def _heartbeat(details: object) -> None:
    while True:
        activity.heartbeat(details)
        await asyncio.sleep(HEARTBEAT_EVERY.total_seconds())
