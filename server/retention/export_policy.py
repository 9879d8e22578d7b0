"""The export read through the reader's field policy: what the API would withhold, the export withholds.

A section with a GraphQL counterpart needs read access to that record type (else the
section is ``null``), and each of its fields needs full access to the matching
``Type.field`` (else ``null``; a masked field is left out rather than masked twice
over). What was withheld is listed in ``withheld``. Sections without a counterpart
(team history, status changes, transfers, knowledge-base use, metrics, who viewed the
agent's data) follow the ``AgentExport`` grant itself.
"""

from typing import Any

from server.authz.authorization import Authorization, FieldAccess

EXPORT_FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "agent": ("Agent", {
        "agent_id": "Agent.id", "name": "Agent.name", "email": "Agent.email", "team_id": "Agent.teamId",
        "hire_date": "Agent.hireDate", "active": "Agent.active",
    }),
    "conversations": ("Conversation", {
        "conversation_id": "Conversation.id", "channel": "Conversation.channel", "category": "Conversation.category",
        "started_at": "Conversation.startedAt", "ended_at": "Conversation.endedAt",
        "resolution": "Conversation.resolution", "final_agent": "Conversation.agentId",
        "csat": "Conversation.csat", "nps": "Conversation.nps",
    }),
    "messages": ("Message", {"conversation_id": "Conversation.id", "text": "Message.text", "at": "Message.sentAt"}),
}
"""Export section → (record type, {export key: GraphQL field object})."""


def _rows(section: Any) -> list[dict[str, Any]]:
    if isinstance(section, dict):
        return [section]
    return list(section or [])


def apply_field_policy(document: dict[str, Any], authorization: Authorization) -> dict[str, Any]:
    """``document`` with everything ``authorization`` may not read in full set to null, and listed in ``withheld``."""
    withheld: list[str] = []
    for section, (record_type, fields) in EXPORT_FIELDS.items():
        if not authorization.allows(record_type):
            document[section] = None
            withheld.append(section)
            continue
        hidden = sorted(key for key, obj in fields.items() if authorization.field_access(obj) is not FieldAccess.FULL)
        for row in _rows(document[section]):
            for key in hidden:
                row[key] = None
        withheld += [f"{section}.{key}" for key in hidden]
    document["withheld"] = withheld
    return document
