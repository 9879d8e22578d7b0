"""Why an event is rejected: the stable codes reported per field (CLI, JSON output, GraphQL), with their meanings."""

from enum import StrEnum

from server.kernel.meanings import Meaning


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


REJECTION_MEANINGS: dict[RejectionCode, Meaning] = {
    RejectionCode.INVALID_UTF8: Meaning("The line is not valid UTF-8.", "该行不是有效的 UTF-8。"),
    RejectionCode.INVALID_JSON: Meaning("The line is not valid JSON.", "该行不是有效的 JSON。"),
    RejectionCode.DUPLICATE_MEMBER: Meaning("A member name appears twice in the object.", "对象中有重复的字段名。"),
    RejectionCode.NOT_AN_OBJECT: Meaning("The event is not a JSON object.", "事件不是 JSON 对象。"),
    RejectionCode.MISSING: Meaning("A required field is absent, null or empty.", "必填字段缺失、为 null 或为空。"),
    RejectionCode.WRONG_TYPE: Meaning(
        'A field has the wrong JSON type (e.g. 4.0 or "4" for an integer).', '字段类型错误（如整数字段写成 4.0 或 "4"）。'
    ),
    RejectionCode.OUT_OF_RANGE: Meaning("A number or length is outside its allowed range.", "数值或长度超出允许范围。"),
    RejectionCode.INVALID_VALUE: Meaning(
        "A value is not one of the allowed values or not a valid date.", "取值不在允许范围内或日期无效。"
    ),
    RejectionCode.UNKNOWN_TYPE: Meaning("The event type is unknown.", "未知的事件类型。"),
    RejectionCode.INVALID_TIMESTAMP: Meaning("ts is not an RFC 3339 timestamp.", "ts 不是 RFC 3339 时间戳。"),
    RejectionCode.TIMESTAMP_WITHOUT_OFFSET: Meaning("ts has no UTC offset.", "ts 缺少时区偏移。"),
    RejectionCode.TIMESTAMP_IN_FUTURE: Meaning("ts is more than 24 hours after ingestion.", "ts 晚于接收时间超过 24 小时。"),
}
"""Each code's meaning: the GraphQL ``IngestErrorCode`` descriptions and the error reference of frontend-contract/README.md."""
