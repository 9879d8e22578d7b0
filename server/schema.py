"""The GraphQL schema: domain Query and Mutation types merged, one session per operation."""

from collections.abc import AsyncIterator

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.tools import merge_types

from server.audit.extension import AuditExtension
from server.audit.queries import AuditQuery
from server.authz.error_masking import ErrorCodes
from server.authz.fields import GuardedSchema
from server.authz.hardening import RequestLimits
from server.authz.mutations import AuthzMutation
from server.authz.queries import AuthzQuery
from server.conversations.queries import ConversationQuery
from server.ingestion.mutations import IngestionMutation
from server.insights.queries import InsightsQuery
from server.metrics.queries import MetricsQuery
from server.ops.graphql_telemetry import OperationTelemetry
from server.org.queries import OrgQuery
from server.reviews.mutations import ReviewMutation
from server.retention.mutations import RetentionMutation
from server.retention.queries import RetentionQuery
from server.reviews.queries import ReviewQuery
from server.service_info import ServiceInfoQuery


class SessionExtension(SchemaExtension):
    """Commit the request's session when the operation succeeded, roll back when it raised."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        result = self.execution_context.result
        failed = result is None or bool(getattr(result, "errors", None))
        await context.finish(success=not failed)


Query = merge_types(
    "Query", (ServiceInfoQuery, AuthzQuery, OrgQuery, ConversationQuery, ReviewQuery, AuditQuery, RetentionQuery,
             MetricsQuery, InsightsQuery)
)
Mutation = merge_types("Mutation", (IngestionMutation, AuthzMutation, ReviewMutation, RetentionMutation))

# Order matters: telemetry around everything (it sees the final error codes); limits before parsing; error codes set last; the audit trail written after the session ends.
schema = GuardedSchema(
    query=Query,
    mutation=Mutation,
    extensions=[OperationTelemetry, RequestLimits, ErrorCodes, AuditExtension, SessionExtension],
)
