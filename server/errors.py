"""Expected errors: each carries a code that reaches the client in ``extensions.code``."""

from collections.abc import Sequence
from enum import StrEnum


class ErrorCode(StrEnum):
    """The codes a client may branch on; anything else is an unexpected error."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
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
