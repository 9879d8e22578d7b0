"""Every workflow and activity class the worker runs, as the feature list (server/features.py) declares them.

An activity class takes ``(sessionmaker, settings)`` in its constructor and exposes its
activities as ``@activity.defn`` methods; the worker registers every such method of
every class listed in ``ACTIVITY_CLASSES``.
"""

import inspect
from collections.abc import Callable, Sequence
from typing import Protocol

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio import activity

from server.config import Settings
from server.features import FEATURES
from server.kernel.feature import Feature


class ActivityClass(Protocol):
    """A class whose instances carry activities with injected dependencies."""

    def __call__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> object: ...


def workflows_of(features: Sequence[Feature]) -> list[type]:
    """The workflows of ``features``, in list order."""
    return [registered for feature in features for registered in feature.workflow_parts()]


def activity_classes_of(features: Sequence[Feature]) -> list[ActivityClass]:
    """The activity classes of ``features``, in list order."""
    return [registered for feature in features for registered in feature.activity_class_parts()]


WORKFLOWS: list[type] = workflows_of(FEATURES)
ACTIVITY_CLASSES: list[ActivityClass] = activity_classes_of(FEATURES)


def is_activity(member: object) -> bool:
    """Whether ``member`` was decorated with ``@activity.defn``."""
    return callable(member) and activity._Definition.from_callable(member) is not None  # noqa: SLF001


def build_activities(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, classes: Sequence[ActivityClass] | None = None
) -> list[Callable]:
    """The bound activity methods of every class in ``classes`` (default: the feature list's), built with the worker's dependencies."""
    activities: list[Callable] = []
    for activity_class in ACTIVITY_CLASSES if classes is None else classes:
        instance = activity_class(sessionmaker=sessionmaker, settings=settings)
        activities.extend(method for _name, method in inspect.getmembers(instance, is_activity))
    return activities
