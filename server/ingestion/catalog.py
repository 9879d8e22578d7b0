"""The event types of the contract (docs/events.md) and the rules of their fields."""

from server.columns import ID_LENGTH
from server.ingestion.fields import (
    INT32_MAX,
    LABEL_LENGTH,
    FieldRule,
    enum_reader,
    int_reader,
    read_bool,
    read_date,
    read_id,
    read_label,
    read_normalised_label,
    read_text,
)
from server.kernel.events import EventType

SENDERS = ("customer", "agent", "bot", "system")
RESOLUTIONS = ("resolved", "unresolved", "abandoned")
DIRECTIONS = ("inbound", "outbound")
STATUSES = ("online", "busy", "away", "offline")

ANY_LENGTH = 2**63
ID = FieldRule(read_id, required=True, plain_lengths=(1, ID_LENGTH))
OPTIONAL_ID = FieldRule(read_id, plain_lengths=(1, ID_LENGTH))
TEXT = FieldRule(read_text, required=True, plain_lengths=(0, ANY_LENGTH))
OPTIONAL_TEXT = FieldRule(read_text, plain_lengths=(0, ANY_LENGTH))
OPTIONAL_LABEL = FieldRule(read_label, plain_lengths=(0, LABEL_LENGTH))

# Fields every event has; ``id``, ``type`` and ``ts`` are read by the contract itself.
COMMON_FIELDS: dict[str, FieldRule] = {"source": OPTIONAL_TEXT}
COMMON_NAMES = frozenset({"id", "type", "ts", *COMMON_FIELDS})

EVENT_TYPES: dict[str, dict[str, FieldRule]] = {
    EventType.TEAM_UPSERTED: {"team_id": ID, "name": TEXT, "parent_team_id": OPTIONAL_ID},
    EventType.AGENT_UPSERTED: {
        "agent_id": ID,
        "name": TEXT,
        "team_id": ID,
        "email": OPTIONAL_TEXT,
        "hire_date": FieldRule(read_date),
        "active": FieldRule(read_bool, default=True),
    },
    EventType.CUSTOMER_UPSERTED: {"customer_id": ID, "name": OPTIONAL_TEXT, "phone": OPTIONAL_TEXT, "email": OPTIONAL_TEXT},
    EventType.CONVERSATION_STARTED: {
        "conversation_id": ID,
        "channel": FieldRule(read_normalised_label, required=True, empty_is_missing=True),
        "customer_id": ID,
        "category": FieldRule(read_normalised_label),
        "direction": FieldRule(enum_reader(*DIRECTIONS), default="inbound"),
    },
    EventType.CONVERSATION_QUEUED: {"conversation_id": ID, "queue": OPTIONAL_LABEL},
    EventType.CONVERSATION_ASSIGNED: {"conversation_id": ID, "agent_id": ID, "transfer_id": OPTIONAL_ID},
    EventType.CONVERSATION_TRANSFERRED: {
        "conversation_id": ID,
        "transfer_id": ID,
        "from_agent_id": ID,
        "to_agent_id": OPTIONAL_ID,
        "to_queue": OPTIONAL_LABEL,
    },
    EventType.CONVERSATION_CATEGORIZED: {
        "conversation_id": ID,
        "category": FieldRule(read_normalised_label, required=True, empty_is_missing=True),
    },
    EventType.MESSAGE_SENT: {
        "conversation_id": ID,
        "sender": FieldRule(enum_reader(*SENDERS), required=True),
        "text": TEXT,
        "agent_id": OPTIONAL_ID,
        "message_id": OPTIONAL_ID,
    },
    EventType.CONVERSATION_ENDED: {
        "conversation_id": ID,
        "resolution": FieldRule(enum_reader(*RESOLUTIONS), required=True),
        "disposition": OPTIONAL_TEXT,
    },
    EventType.KB_SEARCHED: {
        "search_id": ID,
        "agent_id": ID,
        "query": TEXT,
        "conversation_id": OPTIONAL_ID,
        "results": FieldRule(int_reader(0, INT32_MAX)),
    },
    EventType.KB_ARTICLE_OPENED: {
        "article_id": ID,
        "agent_id": ID,
        "search_id": OPTIONAL_ID,
        "conversation_id": OPTIONAL_ID,
    },
    EventType.FEEDBACK_SUBMITTED: {
        "conversation_id": ID,
        "csat": FieldRule(int_reader(1, 5)),
        "nps": FieldRule(int_reader(0, 10)),
        "resolved": FieldRule(read_bool),
        "comment": OPTIONAL_TEXT,
    },
    EventType.AGENT_STATUS_CHANGED: {"agent_id": ID, "status": FieldRule(enum_reader(*STATUSES), required=True)},
}


# Per type: every rule to apply after id/type/ts, and every member name the contract knows.
RULES_BY_TYPE: dict[str, dict[str, FieldRule]] = {name: {**COMMON_FIELDS, **rules} for name, rules in EVENT_TYPES.items()}
KNOWN_NAMES_BY_TYPE: dict[str, frozenset[str]] = {name: COMMON_NAMES | rules.keys() for name, rules in EVENT_TYPES.items()}
