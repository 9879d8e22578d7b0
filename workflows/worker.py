"""The Temporal worker: every registered workflow and activity on the configured task queue.

It keeps no state of its own (the database and Temporal hold everything), so any number
of copies can poll the same task queue side by side. It waits for Temporal when it
starts, and on a stop lets running activities finish for ``shutdown_grace_seconds``.
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
from server.ops.tracing import trace_engine
from server.ops.worker_health import start_worker_health
from workflows.client import LazyTemporalClient, TemporalSettingsError, temporal_address
from workflows.registry import WORKFLOWS, build_activities
from workflows.telemetry import ActivityTelemetry

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0
CONNECT_RETRY_S = 2.0


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
        interceptors=[ActivityTelemetry()],
        graceful_shutdown_timeout=timedelta(seconds=settings.shutdown_grace_seconds),
    )


async def connect_until_stopped(temporal: LazyTemporalClient, stop: asyncio.Event) -> Client | None:
    """The connected client, retrying while Temporal does not answer; None when ``stop`` is set first."""
    while not stop.is_set():
        try:
            return await asyncio.wait_for(temporal.get(), CONNECT_TIMEOUT_S)
        except TemporalSettingsError:
            raise
        except Exception as error:  # noqa: BLE001  (the bridge raises RuntimeError; retried)
            logger.warning(
                "Temporal at %s does not answer (%s: %s); retrying in %.0f s",
                temporal_address(temporal.settings), type(error).__name__, error, CONNECT_RETRY_S,
            )
        try:
            await asyncio.wait_for(stop.wait(), CONNECT_RETRY_S)
        except TimeoutError:
            continue
    return None


async def poll_until_stopped(worker: Worker, stop: asyncio.Event) -> None:
    """Run ``worker`` until ``stop`` is set, then shut it down fully; raises if the worker fails."""
    running = asyncio.create_task(worker.run())
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not running.done():
        await worker.shutdown()
    await running


async def run_worker(settings: Settings, stop: asyncio.Event) -> None:
    """Wait for Temporal, poll until ``stop`` is set, then shut down gracefully; raises if the worker fails."""
    engine = create_engine(settings)
    trace_engine(engine)
    temporal = LazyTemporalClient(settings)
    health = await start_worker_health(settings, engine, temporal)
    try:
        client = await connect_until_stopped(temporal, stop)
        if client is None:
            return
        worker = build_worker(client, settings, create_sessionmaker(engine))
        logger.info("worker polling task queue %r at %s", settings.temporal_task_queue, temporal_address(settings))
        await poll_until_stopped(worker, stop)
        logger.info("worker stopped")
    finally:
        if health is not None:
            health.close()
            await health.wait_closed()
        await engine.dispose()


async def serve_worker(settings: Settings) -> None:
    """Run the worker until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    await run_worker(settings, stop)
