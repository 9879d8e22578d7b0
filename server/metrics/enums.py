"""GraphQL enums with a description on every value, mirroring an engine enum or a catalogue."""

from enum import Enum
from typing import Any

import strawberry


def enum_of(name: str, description: str, members: dict[str, tuple[str, str]]) -> Any:
    """A GraphQL enum named ``name``: member name → (value, description)."""
    values = {member: strawberry.enum_value(value, description=text) for member, (value, text) in members.items()}
    python_enum: Any = Enum(name, values)  # type: ignore[misc]  # built from the catalogue at import time
    return strawberry.enum(python_enum, name=name, description=description)


def described_enum(source: type[Enum], name: str, description: str, values: dict[Any, str]) -> Any:
    """A GraphQL enum named ``name`` with ``source``'s members and one description per member (``values``).

    The engine keeps its own enum; resolvers convert with ``graphql_enum[member.name]``.
    """
    missing = [member.name for member in source if member not in values]
    if missing:
        raise ValueError(f"{name}: no description for {', '.join(missing)}")
    return enum_of(name, description, {member.name: (member.value, values[member]) for member in source})
