"""The demo under ``coachloop up``: its time zone, and its load (only into an empty database, only when COACHLOOP_DEMO is on)."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy

from server.config import Settings
from server.demo.organisation import TIMEZONE as DEMO_TIMEZONE
from server.ingestion.repository import EventRepository
from workflows.demo.inputs import DEMO_WORKFLOW_ID, LoadDemoDataInput, LoadDemoDataResult
from workflows.demo.workflows import LoadDemoDataWorkflow


def served_settings(settings: Settings) -> Settings:
    """The settings ``coachloop up`` serves with: the demo organisation's time zone while the demo is on,
    unless COACHLOOP_TIMEZONE was set."""
    if settings.demo and "timezone" not in settings.model_fields_set:
        return settings.model_copy(update={"timezone": DEMO_TIMEZONE})
    return settings


def demo_input(settings: Settings) -> LoadDemoDataInput:
    """The demo stream the settings ask for."""
    return LoadDemoDataInput(
        conversations=settings.demo_conversations,
        seed=settings.demo_seed,
        batch_size=settings.ingest_batch_size,
    )


async def database_is_empty(sessionmaker: async_sessionmaker[AsyncSession]) -> bool:
    """Whether no event has been stored yet."""
    async with sessionmaker() as session:
        return await EventRepository(session).count() == 0


async def start_demo_load(
    client: Client, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> WorkflowHandle[LoadDemoDataWorkflow, LoadDemoDataResult] | None:
    """Start LoadDemoDataWorkflow when the demo is on and the database empty; None when not started.

    The workflow id is fixed: a start while a load is running joins that load.
    """
    if not settings.demo or not await database_is_empty(sessionmaker):
        return None
    return await client.start_workflow(
        LoadDemoDataWorkflow.run,
        demo_input(settings),
        id=DEMO_WORKFLOW_ID,
        task_queue=settings.temporal_task_queue,
        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
