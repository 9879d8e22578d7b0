"""The stored events of one conversation or search, as the facts functions read them.

Every record sorts in timeline order: by ``ts_us``, ties broken by the event id in
code-point order (Python's ``str`` comparison). The lifecycle records are read by the
one conversation timeline (server/kernel/timeline.py), shared with the conversation read model.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class LifecycleEvent:
    """A started, queued, assigned, categorized or ended event."""

    ts_us: int
    event_id: str
    type: str
    channel: str | None = None
    customer_id: str | None = None
    category: str | None = None
    direction: str | None = None
    agent_id: str | None = None
    transfer_id: str | None = None
    resolution: str | None = None


@dataclass(frozen=True, order=True)
class TransferEvent:
    """A ``conversation.transferred``."""

    ts_us: int
    event_id: str
    transfer_id: str


@dataclass(frozen=True, order=True)
class MessageEvent:
    """A ``message.sent``: ``sender`` is customer, agent, bot or system."""

    ts_us: int
    event_id: str
    sender: str
    agent_id: str | None = None


@dataclass(frozen=True, order=True)
class FeedbackEvent:
    """A ``feedback.submitted``; absent fields are None."""

    ts_us: int
    event_id: str
    csat: int | None = None
    nps: int | None = None
    resolved: bool | None = None


@dataclass
class ConversationTimeline:
    """Everything stored for one conversation id."""

    conversation_id: str
    lifecycle: list[LifecycleEvent] = field(default_factory=list)
    transfers: list[TransferEvent] = field(default_factory=list)
    messages: list[MessageEvent] = field(default_factory=list)
    feedback: list[FeedbackEvent] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class SearchEvent:
    """A ``kb.searched``."""

    ts_us: int
    event_id: str
    agent_id: str
    conversation_id: str | None = None


@dataclass(frozen=True, order=True)
class ArticleOpenEvent:
    """A ``kb.article_opened`` carrying a search id."""

    ts_us: int
    event_id: str


@dataclass
class SearchTimeline:
    """Everything stored for one search id."""

    search_id: str
    searches: list[SearchEvent] = field(default_factory=list)
    opens: list[ArticleOpenEvent] = field(default_factory=list)
