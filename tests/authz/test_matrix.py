"""Every role × every type and field × every access path, with expectations generated from the policy files."""

from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type

from server.authz.authorization import FieldAccess
from tests.authz.matrix import (
    CREDITED_FIELDS, GRAPHQL_TYPES, PATHS, AccessPath, credited, field_access, field_mask, row_scopes, visible_ids,
)
from tests.authz.world import ROLES, Api

REFERENCES: dict[tuple[int, str], dict[str, dict[str, Any]]] = {}


def locate(data: Any, steps: tuple[str, ...], prefix: tuple = ()) -> list[tuple[tuple, dict]]:
    """The objects at ``steps`` in ``data`` with their response paths; ``*`` walks a list, ``x_*`` aliases."""
    if data is None:
        return []
    if not steps:
        return [(prefix, data)]
    step, rest = steps[0], steps[1:]
    if step == "*":
        return [found for index, item in enumerate(data) for found in locate(item, rest, (*prefix, index))]
    if step.endswith("_*"):
        keys = sorted(key for key in data if key.startswith(step[:-1]))
        return [found for key in keys for found in locate(data[key], rest, (*prefix, key))]
    return locate(data.get(step), rest, (*prefix, step))


def blocked(path: AccessPath, role: str) -> bool:
    """Whether the policy refuses this path to the role as a whole."""
    return (
        any(field_access(role, gate) is FieldAccess.DENIED for gate in path.gates)
        or any(not row_scopes(role, record) for record in path.records)
        or any(field_access(role, needed) is not FieldAccess.FULL for needed in path.needs_full)
    )


def identity(path: AccessPath, item: dict) -> str:
    return "/".join(str(item[key]) for key in path.key.split("/"))


async def reference(world: Api, path: AccessPath) -> dict[str, dict[str, Any]]:
    """The admin's view of the same path, by object id: what unmasked values look like."""
    key = (id(world), path.name)
    if key not in REFERENCES:
        result = await world.execute(path.render(), role="admin")
        REFERENCES[key] = {identity(path, item): item for _prefix, item in locate(result.data, path.locate)}
    return REFERENCES[key]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
async def test_access_matrix(world: Api, path: AccessPath, role: str) -> None:
    result = await world.execute(path.render(), role=role)
    errors = {tuple(error.path or ()): error.extensions["code"] for error in result.errors or []}
    assert set(errors.values()) <= {"FORBIDDEN"}, result.errors
    located = locate(result.data, path.locate)
    if blocked(path, role):
        assert located == []
        assert errors
        return
    if path.expected is not None:
        assert sorted(identity(path, item) for _prefix, item in located) == path.expected(role)
    expected_errors = set()
    admin_view = await reference(world, path) if path.expected is not None else {}
    for prefix, item in located:
        for name, definition in GRAPHQL_TYPES[path.target].fields.items():
            obj = f"{path.target}.{name}"
            access = field_access(role, obj)
            value = item[name]
            error = errors.get((*prefix, name))
            if access is FieldAccess.DENIED:
                assert (value, error) == (None, "FORBIDDEN"), obj
                expected_errors.add((*prefix, name))
                continue
            assert error is None, obj
            if isinstance(get_named_type(definition.type), GraphQLObjectType) or not admin_view:
                continue
            unmasked = admin_view[identity(path, item)][name]
            if path.target == "Conversation" and name in CREDITED_FIELDS and not credited(role, identity(path, item)):
                unmasked = None
            if access is FieldAccess.MASKED:
                assert value == (None if unmasked is None else field_mask(path.target, name)(unmasked)), obj
            else:
                assert value == unmasked, obj
        if path.count_of is not None:
            assert item["totalCount"] == len(visible_ids(role, path.count_of))
    assert set(errors) == expected_errors
