"""The GraphQL schema: domain Query and Mutation types merged, one session per operation."""

from collections.abc import AsyncIterator

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.tools import merge_types

from server.ingestion.mutations import IngestionMutation
from server.service_info import ServiceInfoQuery


class SessionExtension(SchemaExtension):
    """Commit the request's session when the operation succeeded, roll back when it raised."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        result = self.execution_context.result
        failed = result is None or bool(getattr(result, "errors", None))
        await context.finish(success=not failed)


Query = merge_types("Query", (ServiceInfoQuery,))
Mutation = merge_types("Mutation", (IngestionMutation,))

schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[SessionExtension])
