"""Every error leaves with a code in ``extensions.code``, over HTTP and WebSocket; unexpected ones are masked and logged.

Expected errors (``CoachloopError``) keep their message and code. GraphQL syntax and
validation errors get GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED (BAD_USER_INPUT
for bad variable values). Anything else is replaced by a generic message with a
correlation id, and logged with its traceback under that id. Outside development
the "Did you mean …?" suggestions are removed, so the schema cannot be guessed.
"""

import logging
import re
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from server.errors import CoachloopError, ErrorCode

logger = logging.getLogger(__name__)

SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")
UNEXPECTED_MESSAGE = "Unexpected error."


def _replace(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


def classify(error: GraphQLError) -> str | None:
    """The code of an expected error, or None when it must be masked."""
    original = error.original_error
    if isinstance(original, CoachloopError):
        return original.code.value
    declared = (error.extensions or {}).get("code") or (
        (original.extensions or {}).get("code") if isinstance(original, GraphQLError) else None
    )
    if isinstance(declared, str):
        return declared
    if isinstance(error, GraphQLSyntaxError) or isinstance(original, GraphQLSyntaxError):
        return ErrorCode.GRAPHQL_PARSE_FAILED.value
    if error.path is None and isinstance(original, GraphQLError | ValueError | TypeError):
        # a scalar refused a value (a DateTime without offset): the client's input, not a fault
        if error.message.startswith("Variable '$"):
            return ErrorCode.BAD_USER_INPUT.value
        if error.message.startswith("Expected value of type"):
            return ErrorCode.GRAPHQL_VALIDATION_FAILED.value
    from_graphql = original is None or (isinstance(original, GraphQLError) and original.original_error is None)
    if from_graphql and error.path is None:
        if error.message.startswith("Variable '$"):
            return ErrorCode.BAD_USER_INPUT.value
        return ErrorCode.GRAPHQL_VALIDATION_FAILED.value
    return None


class ErrorCodes(SchemaExtension):
    """Set ``extensions.code`` on every error and mask the unexpected ones."""

    def _format(self, error: GraphQLError, *, development: bool, request_id: str) -> GraphQLError:
        code = classify(error)
        if code is None:
            correlation_id = uuid.uuid4().hex
            logger.error(
                "unexpected error %s (request %s) at %s",
                correlation_id, request_id, error.path, exc_info=error.original_error or error,
            )
            return _replace(
                error,
                f"{UNEXPECTED_MESSAGE} Correlation id: {correlation_id}",
                {"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "correlationId": correlation_id},
            )
        message = error.message if development else SUGGESTION.sub("", error.message)
        extensions = dict(error.extensions or {})
        extensions["code"] = code
        return _replace(error, message, extensions)

    def _format_result(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        if not errors or id(result) in self.formatted:
            return
        context = self.execution_context.context
        development = context.settings.is_development
        request_id = getattr(context, "request_id", "")
        result.errors = [self._format(error, development=development, request_id=request_id) for error in errors]
        self.formatted.add(id(result))

    def on_operation(self) -> Iterator[None]:
        self.formatted: set[int] = set()
        yield
        self._format_result(self.execution_context.result)

    def on_stream_result(self, result: object) -> Iterator[None]:
        """Results over a streaming transport (WebSocket) leave before the operation ends: format them here."""
        self._format_result(result)
        yield
