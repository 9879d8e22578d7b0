"""The GraphQL schema, built from the feature list (server/features.py): one session per operation."""

from collections.abc import AsyncIterator, Sequence

from strawberry.extensions import SchemaExtension
from strawberry.tools import merge_types

from server.audit.extension import AuditExtension
from server.authz.error_masking import ErrorCodes
from server.authz.fields import GuardedSchema
from server.authz.hardening import RequestLimits
from server.features import FEATURES
from server.kernel.feature import Feature


class SessionExtension(SchemaExtension):
    """Commit the request's session when the operation succeeded, roll back when it raised."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        result = self.execution_context.result
        failed = result is None or bool(getattr(result, "errors", None))
        await context.finish(success=not failed)


def _merged(name: str, parts: Sequence[type | None]) -> type | None:
    present = tuple(part for part in parts if part is not None)
    return merge_types(name, present) if present else None


def build_schema(features: Sequence[Feature]) -> GuardedSchema:
    """The schema of ``features``: their Query, Mutation and Subscription types merged, in list order."""
    query = _merged("Query", [feature.query for feature in features])
    if query is None:
        raise ValueError("no feature declares a Query type")
    # Order matters: limits before parsing; error codes set last; the audit trail written after the session ends.
    return GuardedSchema(
        query=query,
        mutation=_merged("Mutation", [feature.mutation for feature in features]),
        subscription=_merged("Subscription", [feature.subscription for feature in features]),
        extensions=[RequestLimits, ErrorCodes, AuditExtension, SessionExtension],
    )


schema = build_schema(FEATURES)
