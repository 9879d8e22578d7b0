"""Expected errors: each carries a code that reaches the client in ``extensions.code``."""

from collections.abc import Sequence
from enum import StrEnum

from server.kernel.meanings import Meaning


class ErrorCode(StrEnum):
    """The codes a client may branch on; anything else is an unexpected error."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    BAD_REQUEST = "BAD_REQUEST"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    AUDIT_UNAVAILABLE = "AUDIT_UNAVAILABLE"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class CoachloopError(Exception):
    """An expected error; its message is safe to show and its code is stable."""

    code: ErrorCode = ErrorCode.INTERNAL_SERVER_ERROR

    def __init__(
        self,
        message: str,
        *,
        details: dict[str, object] | None = None,
        field: Sequence[str] | None = None,
        message_zh: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}
        self.field = tuple(field) if field is not None else None
        """Path of the input field at fault (``("input", "agentId")``), for a mutation's ``userErrors``."""
        self.message_zh = message_zh
        """The message in Chinese, where one was written; ``message`` otherwise."""


class Unauthenticated(CoachloopError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(CoachloopError):
    code = ErrorCode.FORBIDDEN


class BadUserInput(CoachloopError):
    code = ErrorCode.BAD_USER_INPUT


class NotFound(CoachloopError):
    code = ErrorCode.NOT_FOUND


class AuditUnavailable(CoachloopError):
    code = ErrorCode.AUDIT_UNAVAILABLE


ERROR_CODE_MEANINGS: dict[ErrorCode, Meaning] = {
    ErrorCode.UNAUTHENTICATED: Meaning(
        "No valid bearer token: missing, malformed, expired, or not signed by a trusted key. Sign in again.",
        "缺少有效的 Bearer 令牌（缺失、格式错误、已过期或签名不可信），请重新登录。",
    ),
    ErrorCode.FORBIDDEN: Meaning(
        "Your roles may not read or change this field or record (the access policy, policies/README.md).",
        "你的角色无权读取或修改该字段或记录（见访问策略 policies/README.md）。",
    ),
    ErrorCode.BAD_USER_INPUT: Meaning(
        "An argument or variable value is invalid (a bad range or cursor, an unknown metric, a page over the maximum); the message says which.",
        "参数或变量取值无效（范围或游标错误、未知指标、分页大小超过上限等），错误信息会说明具体原因。",
    ),
    ErrorCode.NOT_FOUND: Meaning(
        "The record named by the argument does not exist.",
        "参数所指的记录不存在。",
    ),
    ErrorCode.GRAPHQL_PARSE_FAILED: Meaning(
        "The document is not valid GraphQL syntax.",
        "请求文档不是合法的 GraphQL 语法。",
    ),
    ErrorCode.GRAPHQL_VALIDATION_FAILED: Meaning(
        "The document does not fit the schema (unknown field, wrong argument type) or exceeds a limit (depth, aliases, tokens, cost).",
        "请求文档与 schema 不符（未知字段、参数类型错误），或超出限制（嵌套深度、别名数、词法单元数、查询成本）。",
    ),
    ErrorCode.PAYLOAD_TOO_LARGE: Meaning(
        "The request body is larger than the server accepts (HTTP 413).",
        "请求体超过服务器允许的大小（HTTP 413）。",
    ),
    ErrorCode.AUDIT_UNAVAILABLE: Meaning(
        "The data was withheld because its reading could not be recorded in the audit log; retry later.",
        "由于无法写入审计日志，数据未返回；请稍后重试。",
    ),
    ErrorCode.BAD_REQUEST: Meaning(
        "The HTTP request is not a GraphQL request: a body that is not JSON, a parameter of the wrong type, or a batch (HTTP 400).",
        "HTTP 请求不是合法的 GraphQL 请求：请求体不是 JSON、参数类型错误或批量请求（HTTP 400）。",
    ),
    ErrorCode.METHOD_NOT_ALLOWED: Meaning(
        "Only GET and POST are served, and a mutation only over POST (HTTP 405, see the Allow header).",
        "仅支持 GET 与 POST，变更操作只能用 POST（HTTP 405，见 Allow 响应头）。",
    ),
    ErrorCode.NOT_ACCEPTABLE: Meaning(
        "The Accept header names neither application/graphql-response+json nor application/json (HTTP 406).",
        "Accept 请求头既不包含 application/graphql-response+json 也不包含 application/json（HTTP 406）。",
    ),
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: Meaning(
        "A POST body must be application/json (HTTP 415).",
        "POST 请求体必须为 application/json（HTTP 415）。",
    ),
    ErrorCode.PERSISTED_QUERY_NOT_FOUND: Meaning(
        "No document is stored under this hash: send the request again with the query text and the same hash.",
        "该哈希下没有已存储的文档：请携带查询文本与相同哈希重新发送。",
    ),
    ErrorCode.PERSISTED_QUERY_NOT_ALLOWED: Meaning(
        "The server runs in allow-list mode and this document is not registered by an administrator.",
        "服务器处于白名单模式，该文档未经管理员登记。",
    ),
    ErrorCode.PERSISTED_QUERY_HASH_MISMATCH: Meaning(
        "The sha256Hash sent is not the SHA-256 of the query text sent with it.",
        "所发送的 sha256Hash 与随附查询文本的 SHA-256 不一致。",
    ),
    ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED: Meaning(
        "Persisted queries are switched off on this server: send the query text.",
        "本服务器未启用持久化查询：请发送查询文本。",
    ),
    ErrorCode.INTERNAL_SERVER_ERROR: Meaning(
        "An unexpected fault; the message carries a correlation id (also in extensions.correlationId) to quote to operations.",
        "意外的服务器错误；错误信息附带关联 ID（亦见 extensions.correlationId），请提供给运维人员。",
    ),
}
"""The meaning of every code, listed in frontend-contract/README.md (``python -m server.error_reference``)."""
