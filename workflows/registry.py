"""Every workflow and activity class the worker runs; a new flow adds one line to each list.

An activity class takes ``(sessionmaker, settings)`` in its constructor and exposes its
activities as ``@activity.defn`` methods; the worker registers every such method of
every class listed in ``ACTIVITY_CLASSES``.
"""

import inspect
from collections.abc import Callable
from typing import Protocol

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from workflows.demo.activities import DemoActivities
from workflows.demo.workflows import LoadDemoDataWorkflow
from workflows.retention.activities import RetentionActivities
from workflows.retention.workflows import ApplyRetentionWorkflow, RetentionScheduleWorkflow


class ActivityClass(Protocol):
    """A class whose instances carry activities with injected dependencies."""

    def __call__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> object: ...


WORKFLOWS: list[type] = [LoadDemoDataWorkflow, ApplyRetentionWorkflow, RetentionScheduleWorkflow]
ACTIVITY_CLASSES: list[ActivityClass] = [DemoActivities, RetentionActivities]


def is_activity(member: object) -> bool:
    """Whether ``member`` was decorated with ``@activity.defn``."""
    return callable(member) and activity._Definition.from_callable(member) is not None  # noqa: SLF001


def build_activities(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> list[Callable]:
    """The bound activity methods of every registered class, instantiated with the worker's dependencies."""
    activities: list[Callable] = []
    for activity_class in ACTIVITY_CLASSES:
        instance = activity_class(sessionmaker=sessionmaker, settings=settings)
        activities.extend(method for _name, method in inspect.getmembers(instance, is_activity))
    return activities
