"""The GraphQL schema, built from the feature list (server/features.py): one session per operation."""

from collections.abc import AsyncIterator, Sequence
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from server.audit.extension import AuditExtension, flush_trail
from server.api.error_masking import ErrorCodes
from server.authz.fields import GuardedSchema
from server.api.hardening import RequestLimits, SuggestionFreeExecutor
from server.api.nodes import build_node_query
from server.features import FEATURES
from server.kernel.relay import Node
from server.kernel.scalars import SCALAR_MAP
from server.kernel.feature import Feature
from server.ops.graphql_telemetry import OperationTelemetry


class SessionExtension(SchemaExtension):
    """Commit the request's session when the operation succeeded, roll back when it raised.

    A subscription's operation spans many events: each delivered event gets a short
    session of its own (opened by its resolvers, ended here before it is sent), its
    ``on_commit`` callbacks and its own audit trail write.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        result = self.execution_context.result
        failed = result is None or bool(getattr(result, "errors", None)) or context.transaction_failed
        await context.finish(success=not failed)

    async def on_stream_result(self, result: Any) -> None:  # type: ignore[override]
        """Before a streamed result is sent: end its session, then write its audit trail (both no-ops after a query)."""
        context = self.execution_context.context
        await context.finish(success=not getattr(result, "errors", None))
        await flush_trail(context, result)


def _merged(name: str, parts: Sequence[type | None]) -> type | None:
    present = tuple(part for part in parts if part is not None)
    return merge_types(name, present) if present else None


def build_schema(features: Sequence[Feature]) -> GuardedSchema:
    """The schema of ``features``: their Query, Mutation and Subscription types merged, in list order."""
    node_types = [node_type for feature in features for node_type in feature.node_parts()]
    query = _merged("Query", [feature.query_type() for feature in features] + [build_node_query(node_types)])
    if query is None:
        raise ValueError("no feature declares a Query type")
    # Order matters: telemetry around everything (it sees the final error codes); limits before parsing; error codes
    # set last; the audit trail written after the session ends.
    return GuardedSchema(
        execution_context_class=SuggestionFreeExecutor,  # no "Did you mean …?" outside development
        query=query,
        mutation=_merged("Mutation", [feature.mutation_type() for feature in features]),
        subscription=_merged("Subscription", [feature.subscription_type() for feature in features]),
        config=StrawberryConfig(scalar_map=SCALAR_MAP),  # plain datetime/date/timedelta fields are DateTime/Date/Duration
        types=[Node],
        extensions=[OperationTelemetry, RequestLimits, ErrorCodes, AuditExtension, SessionExtension],
    )


schema = build_schema(FEATURES)
