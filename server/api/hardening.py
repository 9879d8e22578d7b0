"""Limits on what one GraphQL document may ask for: tokens, depth, aliases, cost; no introspection or suggestions in production.

Every result that got as far as validation reports its operation's cost in
``extensions.cost`` as ``{"requested": N, "limit": M}`` (the measure the limit used).

The limits are read from the request's settings when each operation starts, so one
schema serves development and production alike. Depth, aliases and cost are measured
first, in time linear in the document (``document_limits``); only a document within
them reaches the full validation, which runs on a worker thread so that a slow
document never holds up the other requests on the event loop.
"""

import asyncio
from collections.abc import AsyncIterator, Collection, Iterator
from typing import Any

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, validate
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from server.api.document_limits import LimitReport, measure_limits
from server.config import Settings

SCHEMA_RULES = (MaybeNullValidationRule, OneOfInputValidationRule)


def hides_suggestions(settings: Settings | None) -> bool:
    """Whether errors leave out "Did you mean …?": everywhere but development, so the schema cannot be guessed."""
    return settings is None or not settings.is_development


async def validate_off_loop(
    schema: GraphQLSchema, document: DocumentNode, rules: Collection[type[ASTValidationRule]], *, hide_suggestions: bool
) -> list[GraphQLError]:
    """graphql-core's validation of ``document``, run on a worker thread."""
    return await asyncio.to_thread(validate, schema, document, rules, hide_suggestions=hide_suggestions)


class SuggestionFreeExecutor(StrawberryGraphQLCoreExecutionContext):
    """Execution that leaves suggestions out of variable and argument errors outside development."""

    @classmethod
    def build(cls, schema: GraphQLSchema, document: DocumentNode, root_value: Any = None, context_value: Any = None, *args: Any, **kwargs: Any) -> Any:
        kwargs["hide_suggestions"] = hides_suggestions(getattr(context_value, "settings", None))
        return super().build(schema, document, root_value, context_value, *args, **kwargs)


class RequestLimits(SchemaExtension):
    """Caps the token count, then validates: the linear limits first, the full rules off the event loop."""

    def on_operation(self) -> Iterator[None]:
        settings: Settings = self.execution_context.context.settings
        self.execution_context.parse_options["max_tokens"] = settings.max_tokens
        self.report: LimitReport | None = None
        yield

    def get_results(self) -> dict[str, Any]:
        """``{"cost": {"requested": N, "limit": M}}`` once the document was measured."""
        cost = self.report.cost_of(self.execution_context.operation_name) if self.report else None
        if cost is None:
            return {}
        return {"cost": {"requested": cost, "limit": self.execution_context.context.settings.max_query_cost}}

    async def on_validate(self) -> AsyncIterator[None]:
        execution = self.execution_context
        settings: Settings = execution.context.settings
        schema = execution.schema._schema  # noqa: SLF001  (the graphql-core schema)
        document = execution.graphql_document
        assert document is not None, "validation runs after parsing"
        self.report = measure_limits(document, schema, settings)
        errors = list(self.report.errors)
        if not errors:
            rules = (*execution.validation_rules, *SCHEMA_RULES)
            if not settings.is_development:
                rules = (*rules, NoSchemaIntrospectionCustomRule)
            errors = await validate_off_loop(schema, document, rules, hide_suggestions=hides_suggestions(settings))
        execution.pre_execution_errors = errors
        yield
