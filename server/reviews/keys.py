"""The global id of a review assignment: its composite key (reviewer, conversation) as one text."""

import json

import strawberry

from server.errors import BadUserInput
from server.kernel.relay import from_global_id, to_global_id

TYPE_NAME = "ReviewAssignment"


def assignment_global_id(reviewer_id: str, conversation_id: str) -> strawberry.ID:
    """``ReviewAssignment:["reviewer","conversation"]``, base64: any characters of either id survive."""
    return to_global_id(TYPE_NAME, json.dumps([reviewer_id, conversation_id], ensure_ascii=False, separators=(",", ":")))


def split_assignment_key(key: str) -> tuple[str, str] | None:
    """``(reviewer_id, conversation_id)`` of an assignment's key, or None when it is not one."""
    try:
        parts = json.loads(key)
    except ValueError:
        return None
    if not (isinstance(parts, list) and len(parts) == 2 and all(isinstance(part, str) and part for part in parts)):
        return None
    return parts[0], parts[1]


def assignment_key_of(global_id: str, *, field: tuple[str, ...]) -> tuple[str, str]:
    """``(reviewer_id, conversation_id)`` of a review assignment's global id; BAD_USER_INPUT otherwise."""
    parts = split_assignment_key(from_global_id(global_id, TYPE_NAME, field=field))
    if parts is None:
        raise BadUserInput(f"{global_id!r} is not the id of a review assignment", field=field)
    return parts
