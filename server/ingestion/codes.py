"""Why an event is rejected: the stable codes reported per field (CLI, JSON output, GraphQL)."""

from enum import StrEnum


class RejectionCode(StrEnum):
    """One reason for a rejection; the value is what the CLI and its JSON output print."""

    INVALID_UTF8 = "invalid_utf8"
    INVALID_JSON = "invalid_json"
    DUPLICATE_MEMBER = "duplicate_member"
    NOT_AN_OBJECT = "not_an_object"
    MISSING = "missing"
    WRONG_TYPE = "wrong_type"
    OUT_OF_RANGE = "out_of_range"
    INVALID_VALUE = "invalid_value"
    UNKNOWN_TYPE = "unknown_type"
    INVALID_TIMESTAMP = "invalid_timestamp"
    TIMESTAMP_WITHOUT_OFFSET = "timestamp_without_offset"
    TIMESTAMP_IN_FUTURE = "timestamp_in_future"
