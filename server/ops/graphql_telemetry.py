"""GraphQL operations in the metrics, the request's log lines and its trace: name, type, duration, error codes.

Listed first among the schema's extensions, so it wraps the others: it sees the
error codes ``ErrorCodes`` set, and times the whole operation including the limits.
"""

import time
from collections.abc import Iterator

from graphql import GraphQLError
from opentelemetry.trace import use_span
from strawberry.extensions import SchemaExtension

from server.ops.logs import CURRENT_REQUEST
from server.kernel.telemetry import record_operation
from server.ops.tracing import tracer


def operation_type_of(extension: SchemaExtension) -> str:
    """``query``, ``mutation``, ``subscription``, or ``unknown`` when the document did not parse."""
    try:
        return extension.execution_context.operation_type.value
    except Exception:  # noqa: BLE001  (a document that does not parse has no operation type)
        return "unknown"


def error_codes(errors: list[GraphQLError] | None) -> list[str]:
    return [str((error.extensions or {}).get("code", "INTERNAL_SERVER_ERROR")) for error in errors or []]


class OperationTelemetry(SchemaExtension):
    """Counts and times every operation by name; names the operation in the request's log lines."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        name = self.execution_context.operation_name
        current = CURRENT_REQUEST.get()
        if current is not None:
            current.operation = name or "anonymous"
        span = tracer().start_span("graphql.operation", attributes={"graphql.operation.name": name or "anonymous"})
        try:
            with use_span(span, end_on_exit=True):
                yield
                final_name = self.execution_context.operation_name or "anonymous"
                span.update_name(f"{operation_type_of(self)} {final_name}")
                span.set_attributes({"graphql.operation.name": final_name, "graphql.operation.type": operation_type_of(self)})
        finally:
            name = self.execution_context.operation_name or name
            if current is not None:
                current.operation = name or "anonymous"
            result = self.execution_context.result
            record_operation(
                name, operation_type_of(self), time.perf_counter() - started, error_codes(getattr(result, "errors", None))
            )
