"""Depth, alias and cost limits measured in one pass, in time linear in the document's size.

Each fragment is measured once and its measure reused at every spread, so a document
whose fragments spread one another twice per level (2^n fields once expanded) costs
n steps, not 2^n. The checks run before any other validation rule: a document over a
limit is refused without the expanded document ever being walked.
"""

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
)

from server.config import Settings

PAGE_ARGUMENT = "first"
INTROSPECTION_PREFIX = "__"
ANONYMOUS = "anonymous"
TOO_NESTED = "The document nests too deeply."


@dataclass(frozen=True)
class Measure:
    """What a selection set asks for once every fragment is expanded.

    ``cost``: each field 1, times the size of every list above it; ``depth``: the
    deepest chain of fields with selections (introspection fields count 0);
    ``aliases``: the aliased fields.
    """

    cost: int = 0
    depth: int = 0
    aliases: int = 0

    def __add__(self, other: "Measure") -> "Measure":
        return Measure(self.cost + other.cost, max(self.depth, other.depth), self.aliases + other.aliases)


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
    if isinstance(get_nullable_type(field_type), GraphQLList) and not paged:  # type: ignore[call-overload]
        return settings.default_page_size
    return 1


class DocumentMeasurer:
    """Measures the operations of one document; ``visits`` counts the selections looked at."""

    def __init__(self, document: DocumentNode, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.measured: dict[tuple[str, bool], Measure] = {}
        self.in_progress: set[tuple[str, bool]] = set()
        self.visits = 0

    def operation(self, node: OperationDefinitionNode) -> Measure:
        return self.selections(node.selection_set, self.schema.get_root_type(node.operation), paged=False)

    def selections(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None, *, paged: bool) -> Measure:
        total = Measure()
        for selection in selection_set.selections if selection_set else ():
            self.visits += 1
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, paged=paged)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, target, paged=paged)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, paged=paged)
        return total

    def _fragment(self, name: str, *, paged: bool) -> Measure:
        """A fragment's measure, computed at its first spread; a spread inside its own expansion counts 0."""
        key = (name, paged)
        fragment = self.fragments.get(name)
        if fragment is None or key in self.in_progress:
            return Measure()
        if key not in self.measured:
            self.in_progress.add(key)
            target = self.schema.get_type(fragment.type_condition.name.value)
            self.measured[key] = self.selections(fragment.selection_set, target, paged=paged)
            self.in_progress.discard(key)
        return self.measured[key]

    def _field(self, node: FieldNode, parent: GraphQLNamedType | None, *, paged: bool) -> Measure:
        alias = 1 if node.alias else 0
        has_fields = isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
        definition = parent.fields.get(node.name.value) if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else None
        if definition is None:
            size, child, child_paged = 1, None, False
        else:
            size = _list_size(node, definition.type, self.settings, paged=paged)
            child = get_named_type(definition.type)
            child_paged = _has_page_argument(node) and not isinstance(get_nullable_type(definition.type), GraphQLList)
        children = self.selections(node.selection_set, child, paged=child_paged)
        introspection = node.name.value.startswith(INTROSPECTION_PREFIX)
        depth = 0 if introspection or node.selection_set is None else 1 + children.depth
        cost = 1 if has_fields and definition is None else size * (1 + children.cost)
        return Measure(cost=cost, depth=depth, aliases=alias + children.aliases)


@dataclass(frozen=True)
class LimitReport:
    """The limits a document exceeds, and the cost of each of its operations (by name; None when anonymous)."""

    errors: list[GraphQLError]
    costs: dict[str | None, int]

    def cost_of(self, operation_name: str | None) -> int | None:
        """The cost of the operation that runs: the one named, else the document's only one."""
        if operation_name is not None:
            return self.costs.get(operation_name)
        return next(iter(self.costs.values())) if len(self.costs) == 1 else None


def measure_limits(document: DocumentNode, schema: GraphQLSchema, settings: Settings) -> LimitReport:
    """The depth, alias and cost limits ``document`` exceeds (none when within all) and its operations' costs."""
    measurer = DocumentMeasurer(document, schema, settings)
    errors: list[GraphQLError] = []
    costs: dict[str | None, int] = {}
    aliases = 0
    try:
        for node in document.definitions:
            if not isinstance(node, OperationDefinitionNode):
                continue
            measure = measurer.operation(node)
            aliases += measure.aliases
            costs[node.name.value if node.name else None] = measure.cost
            name = node.name.value if node.name else ANONYMOUS
            if measure.depth > settings.max_query_depth:
                errors.append(GraphQLError(f"'{name}' exceeds maximum operation depth of {settings.max_query_depth}", node))
            if measure.cost > settings.max_query_cost:
                errors.append(GraphQLError(f"Query cost {measure.cost} exceeds the limit of {settings.max_query_cost}.", node))
    except RecursionError:
        return LimitReport([GraphQLError(TOO_NESTED)], {})
    if aliases > settings.max_aliases:
        errors.append(GraphQLError(f"{aliases} aliases found. Allowed: {settings.max_aliases}"))
    return LimitReport(errors, costs)
