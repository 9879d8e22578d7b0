"""Accepted events as table rows: the raw store, typed rows, current state, touched keys. Pure.

Every row dict of one table has the same keys, so a table is written with one
executemany. Current-state rows are reduced to the latest event per key (timeline
order: ``ts_us``, then event id in code-point order); the repository only replaces a
stored row with a later one, so the result does not depend on arrival or batching.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table

from server.conversations.models import ConversationEvent, Feedback, Message, Transfer
from server.ingestion.contract import ValidEvent
from server.ingestion.hooks import TouchedKeys
from server.kernel.events import LIFECYCLE_TYPES, EventType
from server.knowledge.models import KbArticleOpen, KbSearch
from server.org.models import Agent, AgentMembership, AgentStatusChange, Customer, CustomerPersonal, Team

LIFECYCLE_COLUMNS = ("channel", "customer_id", "category", "direction", "queue", "agent_id", "transfer_id", "resolution", "disposition")


def table_of(model: Any) -> Table:
    return model.__table__


EVENT_COLUMNS = ("id", "type", "ts_us", "conversation_id", "content_hash", "payload", "ingested_at_us")
ColumnValues = tuple[tuple[str, ...], list[tuple[Any, ...]]]
"""A table's rows for one executemany: the column names, and one tuple of values per row."""


def stored_event_values(event: ValidEvent, ingested_at_us: int) -> tuple[Any, ...]:
    """The ``event`` row, in ``EVENT_COLUMNS`` order."""
    return (
        event.id, event.type, event.ts_us, event.fields.get("conversation_id"), event.content_hash, event.payload, ingested_at_us
    )


def column_values(rows: Sequence[dict[str, Any]]) -> ColumnValues:
    """Rows of one table (all with the same keys) as column names and value tuples."""
    if not rows:
        return (), []
    columns = tuple(rows[0])
    return columns, [tuple(row[name] for name in columns) for row in rows]


def _typed_row(event: ValidEvent) -> tuple[Any, dict[str, Any]] | None:
    f = event.fields
    base = {"event_id": event.id, "ts_us": event.ts_us}
    if event.type in LIFECYCLE_TYPES:
        columns = {name: f.get(name) for name in LIFECYCLE_COLUMNS}
        return ConversationEvent, {**base, "conversation_id": f["conversation_id"], "type": event.type, **columns}
    if event.type == EventType.CONVERSATION_TRANSFERRED:
        names: tuple[str, ...] = ("conversation_id", "transfer_id", "from_agent_id", "to_agent_id", "to_queue")
        return Transfer, {**base, **{name: f.get(name) for name in names}}
    if event.type == EventType.MESSAGE_SENT:
        names = ("conversation_id", "sender", "agent_id", "text", "message_id")
        return Message, {**base, **{name: f.get(name) for name in names}}
    if event.type == EventType.FEEDBACK_SUBMITTED:
        names = ("conversation_id", "csat", "nps", "resolved", "comment")
        return Feedback, {**base, **{name: f.get(name) for name in names}}
    if event.type == EventType.KB_SEARCHED:
        names = ("search_id", "agent_id", "conversation_id", "query", "results")
        return KbSearch, {**base, **{name: f.get(name) for name in names}}
    if event.type == EventType.KB_ARTICLE_OPENED:
        names = ("article_id", "agent_id", "search_id", "conversation_id")
        return KbArticleOpen, {**base, **{name: f.get(name) for name in names}}
    if event.type == EventType.AGENT_STATUS_CHANGED:
        return AgentStatusChange, {**base, "agent_id": f["agent_id"], "status": f["status"]}
    if event.type == EventType.AGENT_UPSERTED:
        return AgentMembership, {
            "event_id": event.id, "agent_id": f["agent_id"], "team_id": f["team_id"], "valid_from_us": event.ts_us,
        }
    return None


def typed_rows(events: Iterable[ValidEvent]) -> dict[Table, list[dict[str, Any]]]:
    """One row per accepted event in its typed table (team and customer upserts have none)."""
    rows: dict[Table, list[dict[str, Any]]] = {}
    for event in events:
        typed = _typed_row(event)
        if typed is not None:
            model, row = typed
            rows.setdefault(table_of(model), []).append(row)
    return rows


def _state_rows(event: ValidEvent) -> list[tuple[Any, str, dict[str, Any]]]:
    f = event.fields
    stamp = {"ts_us": event.ts_us, "event_id": event.id}
    if event.type == EventType.TEAM_UPSERTED:
        return [(Team, f["team_id"], {"team_id": f["team_id"], "name": f["name"], "parent_team_id": f.get("parent_team_id"), **stamp})]
    if event.type == EventType.AGENT_UPSERTED:
        names = ("agent_id", "name", "team_id", "email", "hire_date", "active")
        return [(Agent, f["agent_id"], {**{name: f.get(name) for name in names}, **stamp})]
    if event.type == EventType.CUSTOMER_UPSERTED:
        customer_id = f["customer_id"]
        personal = {"customer_id": customer_id, "name": f.get("name"), "phone": f.get("phone"), "email": f.get("email")}
        return [(Customer, customer_id, {"customer_id": customer_id, **stamp}), (CustomerPersonal, customer_id, {**personal, **stamp})]
    return []


def current_state_rows(events: Iterable[ValidEvent]) -> dict[Table, list[dict[str, Any]]]:
    """Per current-state table, the latest row per key among ``events``, sorted by key."""
    latest: dict[Table, dict[str, dict[str, Any]]] = {}
    for event in events:
        for model, key, row in _state_rows(event):
            per_key = latest.setdefault(table_of(model), {})
            known = per_key.get(key)
            if known is None or (row["ts_us"], row["event_id"]) > (known["ts_us"], known["event_id"]):
                per_key[key] = row
    return {table: [per_key[key] for key in sorted(per_key)] for table, per_key in latest.items()}


def touched_keys(events: Sequence[ValidEvent]) -> TouchedKeys:
    """The keys named by ``events``: conversations, agents, customers and searches."""
    touched = TouchedKeys()
    for event in events:
        f = event.fields
        if f.get("conversation_id") is not None:
            touched.conversation_ids.add(f["conversation_id"])
        for name in ("agent_id", "from_agent_id", "to_agent_id"):
            if f.get(name) is not None:
                touched.agent_ids.add(f[name])
        if f.get("customer_id") is not None:
            touched.customer_ids.add(f["customer_id"])
        if f.get("search_id") is not None:
            touched.search_ids.add(f["search_id"])
    return touched

