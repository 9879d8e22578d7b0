"""The registry the worker runs: every workflow and every activity of every registered class."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity, workflow
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from workflows.demo.activities import DemoActivities
from workflows.demo.workflows import LoadDemoDataWorkflow
from workflows.registry import ACTIVITY_CLASSES, WORKFLOWS, build_activities
from workflows.worker import build_worker


def activity_name(method: object) -> str:
    return activity._Definition.must_from_callable(method).name  # noqa: SLF001


def test_registry_lists_the_demo_flow() -> None:
    assert LoadDemoDataWorkflow in WORKFLOWS
    assert DemoActivities in ACTIVITY_CLASSES


def test_workflow_names_are_unique() -> None:
    names = [workflow._Definition.must_from_class(registered).name for registered in WORKFLOWS]  # noqa: SLF001
    assert len(names) == len(set(names))
    assert "LoadDemoDataWorkflow" in names


def test_build_activities_binds_every_activity_to_the_injected_dependencies(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    activities = build_activities(sessionmaker, settings)
    names = [activity_name(method) for method in activities]
    assert len(names) == len(set(names))
    assert "load_demo_batch" in names
    assert all(method.__self__.sessionmaker is sessionmaker for method in activities)
    assert all(method.__self__.settings is settings for method in activities)


async def test_the_worker_accepts_every_registered_workflow(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], task_queue: str
) -> None:
    """Building the worker validates each workflow in the sandbox; a bad import fails here."""
    configured = settings.model_copy(update={"temporal_task_queue": task_queue})
    worker = build_worker(time_skipping_env.client, configured, sessionmaker)
    async with worker:
        assert worker.task_queue == task_queue
