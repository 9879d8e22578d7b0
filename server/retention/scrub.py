"""Removing personal members from stored raw event payloads (the rest of the event stays as received)."""

import json
from collections.abc import Iterable, Mapping

from server.kernel.events import EventType

PERSONAL_MEMBERS: Mapping[EventType, frozenset[str]] = {
    EventType.MESSAGE_SENT: frozenset({"text"}),
    EventType.CUSTOMER_UPSERTED: frozenset({"name", "phone", "email"}),
    EventType.FEEDBACK_SUBMITTED: frozenset({"comment"}),
    EventType.KB_SEARCHED: frozenset({"query"}),
}
"""Per event type, the members that carry a customer's personal data or free text."""


def scrub_payload(payload: str, members: Iterable[str]) -> str | None:
    """The payload without ``members``, or None when it carries none of them (nothing to rewrite)."""
    try:
        document = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    present = [member for member in members if member in document]
    if not present:
        return None
    for member in present:
        del document[member]
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def payload_value(payload: str, member: str) -> object:
    """One top-level member of a payload (None when unreadable or absent)."""
    try:
        document = json.loads(payload)
    except ValueError:
        return None
    return document.get(member) if isinstance(document, dict) else None
