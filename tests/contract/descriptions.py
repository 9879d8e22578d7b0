"""Which parts of the schema lack a bilingual description ("English. / 中文。").

Run ``python -m tests.contract.descriptions [TypeName ...]`` to list what is missing.
"""

import re
import sys
from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
)

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")
BUILT_IN = {"String", "Int", "Float", "Boolean", "ID"}


def bilingual(description: str | None) -> bool:
    """English and Chinese both present."""
    return bool(description and HAN.search(description) and LATIN.search(description))


def _parts(named: GraphQLNamedType) -> Iterator[tuple[str, str | None]]:
    yield named.name, named.description
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        for field_name, field in named.fields.items():
            yield f"{named.name}.{field_name}", field.description
            for argument_name, argument in field.args.items():
                yield f"{named.name}.{field_name}({argument_name})", argument.description
    elif isinstance(named, GraphQLInputObjectType):
        for field_name, input_field in named.fields.items():
            yield f"{named.name}.{field_name}", input_field.description
    elif isinstance(named, GraphQLEnumType):
        for value_name, value in named.values.items():
            yield f"{named.name}.{value_name}", value.description


def undescribed(schema: GraphQLSchema, roots: tuple[str, ...] = ("Query", "Mutation", "Subscription")) -> list[str]:
    """Every type, field, argument and enum value without a bilingual description (root types themselves excepted)."""
    missing = []
    for name, named in sorted(schema.type_map.items()):
        if name.startswith("__") or name in BUILT_IN:
            continue
        for part, description in _parts(named):
            if part in roots or (isinstance(named, GraphQLScalarType) and part != name):
                continue
            if not bilingual(description):
                missing.append(part)
    return missing


if __name__ == "__main__":
    from server.schema import schema

    wanted = tuple(sys.argv[1:])
    for part in undescribed(schema._schema):  # noqa: SLF001
        if not wanted or part.split(".")[0].split("(")[0] in wanted:
            print(part)
