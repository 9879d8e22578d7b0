"""The Temporal worker: every registered workflow and activity on the configured task queue.

It keeps no state of its own (the database and Temporal hold everything), so any number
of copies can poll the same task queue side by side.
"""

import asyncio
import logging
import signal
from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import Client
from temporalio.worker import Worker

from server.config import Settings
from server.db import create_engine, create_sessionmaker
from workflows.client import connect, temporal_address
from workflows.registry import WORKFLOWS, build_activities

logger = logging.getLogger(__name__)

GRACEFUL_SHUTDOWN = timedelta(seconds=5)
"""How long running activities may finish after a stop signal before they are cancelled."""


def build_worker(
    client: Client,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    task_queue: str | None = None,
) -> Worker:
    """A worker for every registered workflow and activity (on ``task_queue``, default the configured one)."""
    return Worker(
        client,
        task_queue=task_queue or settings.temporal_task_queue,
        workflows=WORKFLOWS,
        activities=build_activities(sessionmaker, settings),
        graceful_shutdown_timeout=GRACEFUL_SHUTDOWN,
    )


async def run_worker(settings: Settings, stop: asyncio.Event) -> None:
    """Poll until ``stop`` is set, then shut down gracefully; raises if the worker fails."""
    engine = create_engine(settings)
    try:
        client = await connect(settings)
        worker = build_worker(client, settings, create_sessionmaker(engine))
        logger.info("worker polling task queue %r at %s", settings.temporal_task_queue, temporal_address(settings))
        running = asyncio.create_task(worker.run())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not running.done():
            await worker.shutdown()
        await running
    finally:
        await engine.dispose()


async def serve_worker(settings: Settings) -> None:
    """Run the worker until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    await run_worker(settings, stop)
