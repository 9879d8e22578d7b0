"""Domain events inside a transaction: one feature says what happened, the features that care react.

A feature publishes a topic it owns (``goals.checked``, ``quality.conversation_scored``,
…) with a small dataclass event; every feature in the installed list that declares a
``Listener`` on that topic runs in the same session, in feature-list order. So a later
feature (coaching remediation, alerts) reacts to an earlier one (goal checks, QA
findings) without the earlier one importing it, and what the reaction writes commits
or rolls back with the change. Work that must happen after the commit (a workflow
start, a delivery) is written by the listener as an intent, as anywhere else.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from server.kernel.feature import Feature
from server.kernel.installed import installed_features

EventHandler = Callable[[AsyncSession, Any], Awaitable[None]]


def listeners_of(topic: str, features: Sequence[Feature]) -> list[EventHandler]:
    """The handlers ``features`` declare for ``topic``, in feature-list order."""
    return [
        listener.resolved_handler()
        for feature in features
        for listener in feature.listeners
        if listener.topic == topic
    ]


async def publish(session: AsyncSession, topic: str, event: Any, features: Sequence[Feature] | None = None) -> int:
    """Run every listener of ``topic`` on ``event`` in ``session``'s transaction; returns how many ran."""
    handlers = listeners_of(topic, installed_features() if features is None else features)
    for handler in handlers:
        await handler(session, event)
    return len(handlers)
