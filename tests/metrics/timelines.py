"""Event lists as the pure facts functions read them (parsed and normalised by the event contract)."""

from collections.abc import Iterable
from typing import Any

from server.ingestion.contract import ValidEvent, parse_event
from server.org.teams import Membership, TeamDirectory
from server.metrics.timeline import (
    ArticleOpenEvent, ConversationTimeline, FeedbackEvent, LifecycleEvent, MessageEvent, SearchEvent, SearchTimeline,
    TransferEvent,
)
from tests.metrics.factory import NOW_US

LIFECYCLE_FIELDS = ("channel", "customer_id", "category", "direction", "agent_id", "transfer_id", "resolution")


def parsed(events: Iterable[dict[str, Any]]) -> list[ValidEvent]:
    found = [parse_event(event, now_us=NOW_US) for event in events]
    assert all(isinstance(event, ValidEvent) for event in found), found
    return found  # type: ignore[return-value]


def conversation_timelines(events: Iterable[dict[str, Any]]) -> dict[str, ConversationTimeline]:
    timelines: dict[str, ConversationTimeline] = {}
    for event in parsed(events):
        fields, conversation_id = event.fields, event.conversation_id
        if conversation_id is None or event.type.startswith("kb."):
            continue
        timeline = timelines.setdefault(conversation_id, ConversationTimeline(conversation_id))
        if event.type == "conversation.transferred":
            timeline.transfers.append(TransferEvent(event.ts_us, event.id, fields["transfer_id"]))
        elif event.type == "message.sent":
            timeline.messages.append(MessageEvent(event.ts_us, event.id, fields["sender"], fields.get("agent_id")))
        elif event.type == "feedback.submitted":
            timeline.feedback.append(
                FeedbackEvent(event.ts_us, event.id, fields.get("csat"), fields.get("nps"), fields.get("resolved"))
            )
        else:
            values = {name: fields.get(name) for name in LIFECYCLE_FIELDS}
            timeline.lifecycle.append(LifecycleEvent(event.ts_us, event.id, event.type, **values))
    return timelines


def search_timelines(events: Iterable[dict[str, Any]]) -> dict[str, SearchTimeline]:
    timelines: dict[str, SearchTimeline] = {}
    for event in parsed(events):
        search_id = event.fields.get("search_id")
        if search_id is None:
            continue
        timeline = timelines.setdefault(search_id, SearchTimeline(search_id))
        if event.type == "kb.searched":
            timeline.searches.append(SearchEvent(event.ts_us, event.id, event.fields["agent_id"], event.conversation_id))
        else:
            timeline.opens.append(ArticleOpenEvent(event.ts_us, event.id))
    return timelines


def team_directory(events: Iterable[dict[str, Any]]) -> TeamDirectory:
    return TeamDirectory(
        Membership(event.fields["agent_id"], event.fields["team_id"], event.ts_us, event.id)
        for event in parsed(events)
        if event.type == "agent.upserted"
    )
