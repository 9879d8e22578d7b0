"""One conversation's lifecycle, read the same way by the conversation read model and the metric facts.

The events are taken in timeline order: by ``ts_us``, ties broken by event id. The first
``conversation.started`` starts it; the last ``conversation.ended`` ends it; the last
``conversation.categorized`` gives its category (else the start's, else ``uncategorized``).

Two agents are named apart, because they differ while a conversation is open:

- ``handling_agent_id``: the agent of the last assignment at or before the end; while the
  conversation is open, the agent handling it now. The conversation read model shows it
  (GraphQL ``Conversation.agent``).
- ``final_agent_id``: the same agent, but only once the conversation has ended. The
  metrics credit a conversation to its final agent (docs/metrics.md: *handled*), so an
  open conversation has none yet.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from server.kernel.events import EventType

UNCATEGORIZED = "uncategorized"
INBOUND = "inbound"


class LifecycleRecord(Protocol):
    """What the timeline reads of a lifecycle event (a stored row or a metrics record)."""

    @property
    def ts_us(self) -> int: ...
    @property
    def event_id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def category(self) -> str | None: ...
    @property
    def agent_id(self) -> str | None: ...


RecordT = TypeVar("RecordT", bound=LifecycleRecord)


@dataclass(frozen=True)
class Lifecycle(Generic[RecordT]):
    """The lifecycle events of one started conversation, by kind, each in timeline order."""

    started: RecordT
    ended: RecordT | None
    queued: tuple[RecordT, ...]
    assignments: tuple[RecordT, ...]
    """Every assignment (after the end too: it still counts as the conversation having been assigned)."""
    category: str

    @property
    def end_us(self) -> int | None:
        return self.ended.ts_us if self.ended is not None else None

    @property
    def assignments_until_end(self) -> tuple[RecordT, ...]:
        """The assignments at or before the end (all of them while the conversation is open)."""
        end_us = self.end_us
        if end_us is None:
            return self.assignments
        return tuple(assignment for assignment in self.assignments if assignment.ts_us <= end_us)

    @property
    def handling_agent_id(self) -> str | None:
        """The agent handling the conversation now, or the last one to handle it before it ended."""
        counted = self.assignments_until_end
        return counted[-1].agent_id if counted else None

    @property
    def final_agent_id(self) -> str | None:
        """The agent the metrics credit: the handling agent, once the conversation has ended."""
        return self.handling_agent_id if self.ended is not None else None

    @property
    def agent_ids(self) -> tuple[str, ...]:
        """Every agent ever assigned, in order of their first assignment."""
        return tuple(dict.fromkeys(a.agent_id for a in self.assignments if a.agent_id is not None))


def _timeline_key(record: LifecycleRecord) -> tuple[int, str]:
    return (record.ts_us, record.event_id)


def lifecycle(records: Iterable[RecordT]) -> Lifecycle[RecordT] | None:
    """The lifecycle of one conversation's events, or None while its ``conversation.started`` is unknown."""
    started: RecordT | None = None
    ended: RecordT | None = None
    category: str | None = None
    queued: list[RecordT] = []
    assignments: list[RecordT] = []
    for record in sorted(records, key=_timeline_key):
        kind = record.type
        if kind == EventType.CONVERSATION_STARTED:
            if started is None:
                started = record
        elif kind == EventType.CONVERSATION_ENDED:
            ended = record
        elif kind == EventType.CONVERSATION_ASSIGNED:
            if record.agent_id:
                assignments.append(record)
        elif kind == EventType.CONVERSATION_QUEUED:
            queued.append(record)
        elif kind == EventType.CONVERSATION_CATEGORIZED and record.category:
            category = record.category
    if started is None:
        return None
    return Lifecycle(
        started=started,
        ended=ended,
        queued=tuple(queued),
        assignments=tuple(assignments),
        category=category or started.category or UNCATEGORIZED,
    )
