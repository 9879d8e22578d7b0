"""The deprecation rule of the frontend contract: a change that breaks the released schema is allowed only
when what it removes or changes was deprecated in the released schema.

graphql-core's ``find_breaking_changes`` lists the breaks; each names a schema coordinate, and the
break is announced (allowed) when, in the released schema:

- a removed or retyped field or input field (``FIELD_REMOVED``, ``FIELD_CHANGED_KIND``) was deprecated;
- a removed enum value (``VALUE_REMOVED_FROM_ENUM``) was deprecated;
- a removed or retyped argument (``ARG_REMOVED``, ``ARG_CHANGED_KIND``) or its field was deprecated;
- a required argument was added (``REQUIRED_ARG_ADDED``) to a field that was deprecated;
- a removed type (``TYPE_REMOVED``) was reachable only through deprecated fields, arguments and input
  fields, or is a standard scalar nothing references any more.

Every other break (a type changing kind, a required input field added, a union member or interface
removed, directive changes) is never announced by a deprecation: it needs a new released version,
recorded in frontend-contract/CHANGELOG.md.
"""

import re
from collections.abc import Iterator

from graphql import (
    BreakingChange, BreakingChangeType, GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLNamedType,
    GraphQLObjectType, GraphQLSchema, find_breaking_changes, get_named_type, is_specified_scalar_type,
)

FIELD = re.compile(r"^Field (\w+)\.(\w+) ")
ENUM_VALUE = re.compile(r"^Enum value (\w+)\.(\w+) was removed\.$")
ARGUMENT = re.compile(r"^(?:A required argument|Argument) (\w+)\.(\w+)\((\w+):\)")
TYPE = re.compile(r"^(\w+) was removed\.$")


def _field_deprecated(schema: GraphQLSchema, type_name: str, field_name: str) -> bool:
    owner = schema.get_type(type_name)
    if not isinstance(owner, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
        return False
    field = owner.fields.get(field_name)
    return field is not None and field.deprecation_reason is not None


def _argument_deprecated(schema: GraphQLSchema, type_name: str, field_name: str, argument_name: str) -> bool:
    owner = schema.get_type(type_name)
    if not isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
        return False
    field = owner.fields.get(field_name)
    argument = field.args.get(argument_name) if field is not None else None
    return argument is not None and argument.deprecation_reason is not None


def _references(schema: GraphQLSchema, target: GraphQLNamedType) -> Iterator[bool]:
    """Whether each field, argument and input field typed by ``target`` is deprecated (itself or its field)."""
    for named in schema.type_map.values():
        if named.name.startswith("__"):
            continue
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field in named.fields.values():
                field_deprecated = field.deprecation_reason is not None
                if get_named_type(field.type) is target:
                    yield field_deprecated
                for argument in field.args.values():
                    if get_named_type(argument.type) is target:
                        yield field_deprecated or argument.deprecation_reason is not None
        elif isinstance(named, GraphQLInputObjectType):
            for input_field in named.fields.values():
                if get_named_type(input_field.type) is target:
                    yield input_field.deprecation_reason is not None


def _type_retired(schema: GraphQLSchema, type_name: str) -> bool:
    target = schema.get_type(type_name)
    if target is None:
        return False
    if is_specified_scalar_type(target):
        return True
    references = list(_references(schema, target))
    return bool(references) and all(references)


def announced(released: GraphQLSchema, change: BreakingChange) -> bool:
    """Whether a break of ``released`` was announced there by a deprecation (the rule above)."""
    kind, text = change.type, change.description
    if kind in (BreakingChangeType.FIELD_REMOVED, BreakingChangeType.FIELD_CHANGED_KIND) and (match := FIELD.match(text)):
        return _field_deprecated(released, *match.groups())
    if kind is BreakingChangeType.VALUE_REMOVED_FROM_ENUM and (match := ENUM_VALUE.match(text)):
        owner = released.get_type(match[1])
        value = owner.values.get(match[2]) if isinstance(owner, GraphQLEnumType) else None
        return value is not None and value.deprecation_reason is not None
    if kind in (BreakingChangeType.ARG_REMOVED, BreakingChangeType.ARG_CHANGED_KIND) and (match := ARGUMENT.match(text)):
        type_name, field_name, argument_name = match.groups()
        return _field_deprecated(released, type_name, field_name) or _argument_deprecated(released, type_name, field_name, argument_name)
    if kind is BreakingChangeType.REQUIRED_ARG_ADDED and (match := ARGUMENT.match(text)):
        return _field_deprecated(released, match[1], match[2])
    if kind is BreakingChangeType.TYPE_REMOVED:
        name = text.split()[2] if text.startswith("Standard scalar ") else (match[1] if (match := TYPE.match(text)) else "")
        return _type_retired(released, name)
    return False


def unannounced_breaks(released: GraphQLSchema, current: GraphQLSchema) -> list[str]:
    """The breaks of ``released`` in ``current`` that no deprecation announced, as graphql-core describes them."""
    return sorted(
        f"{change.type.name}: {change.description}"
        for change in find_breaking_changes(released, current)
        if not announced(released, change)
    )
