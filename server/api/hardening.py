"""Limits on what one GraphQL document may ask for: depth, aliases, tokens, cost; no introspection in production.

The limits are read from the request's settings when each operation starts, so one
schema serves development and production alike.
"""

from collections.abc import Iterator

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as create_alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as create_depth_validator

from server.config import Settings

PAGE_ARGUMENT = "first"


def _has_page_argument(node: FieldNode) -> bool:
    return any(argument.name.value == PAGE_ARGUMENT for argument in node.arguments or ())


def _list_size(node: FieldNode, field_type: object, settings: Settings, *, paged: bool) -> int:
    """How many items a field may return: its ``first`` argument, else the default page size for lists.

    ``paged``: the parent is a connection that took ``first``, so its ``nodes`` list is that page.
    """
    for argument in node.arguments or ():
        if argument.name.value != PAGE_ARGUMENT:
            continue
        if isinstance(argument.value, IntValueNode):
            return max(int(argument.value.value), 1)
        if isinstance(argument.value, VariableNode):
            return settings.max_page_size
    if isinstance(get_nullable_type(field_type), GraphQLList) and not paged:
        return settings.default_page_size
    return 1


class _CostCounter:
    """Estimated cost of a selection: each field costs 1, times the size of every list above it."""

    def __init__(self, context: ValidationContext, settings: Settings) -> None:
        self.settings = settings
        self.fragments = {
            definition.name.value: definition
            for definition in context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.schema = context.schema

    def cost(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        seen: frozenset[str],
        *,
        paged: bool = False,
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, parent, seen, paged=paged)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.cost(selection.selection_set, target, seen, paged=paged)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.cost(fragment.selection_set, target, seen | {name}, paged=paged)
        return total

    def _field_cost(self, node: FieldNode, parent: GraphQLNamedType | None, seen: frozenset[str], *, paged: bool) -> int:
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1 + self.cost(node.selection_set, None, seen)
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 1
        child = get_named_type(definition.type)
        size = _list_size(node, definition.type, self.settings, paged=paged)
        is_connection = _has_page_argument(node) and not isinstance(get_nullable_type(definition.type), GraphQLList)
        children = self.cost(node.selection_set, child, seen, paged=is_connection)
        return size * (1 + children)


def create_cost_rule(settings: Settings) -> type[ValidationRule]:
    """A validation rule refusing documents whose estimated cost exceeds ``max_query_cost``."""

    class QueryCostRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: object) -> None:
            counter = _CostCounter(self.context, settings)
            root = self.context.schema.get_root_type(node.operation)
            cost = counter.cost(node.selection_set, root, frozenset())
            if cost > settings.max_query_cost:
                self.report_error(
                    GraphQLError(f"Query cost {cost} exceeds the limit of {settings.max_query_cost}.", node)
                )

    return QueryCostRule


class RequestLimits(SchemaExtension):
    """Adds the configured validation limits to every operation, and caps the token count."""

    def on_operation(self) -> Iterator[None]:
        settings: Settings = self.execution_context.context.settings
        rules = [
            create_depth_validator(settings.max_query_depth, None),
            create_alias_validator(settings.max_aliases),
            create_cost_rule(settings),
        ]
        if not settings.is_development:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.execution_context.validation_rules = (*self.execution_context.validation_rules, *rules)
        self.execution_context.parse_options["max_tokens"] = settings.max_tokens
        yield
