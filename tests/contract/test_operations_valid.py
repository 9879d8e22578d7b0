"""Every published operation is valid against frontend-contract/schema.graphql, names are unique, roles are real."""

import pytest
from graphql import build_schema, validate

from server.authz.identity import ROLES
from tests.contract.operations import CONTRACT, Operation, published_operations

SCHEMA = build_schema((CONTRACT / "schema.graphql").read_text(encoding="utf-8"))


@pytest.mark.parametrize("operation", published_operations(), ids=lambda operation: operation.name)
def test_operation_validates_against_the_printed_schema(operation: Operation) -> None:
    assert [error.message for error in validate(SCHEMA, operation.document)] == []


def test_operation_names_are_unique_and_roles_are_known() -> None:
    names = [operation.name for operation in published_operations()]
    assert len(names) == len(set(names))
    assert {operation.role for operation in published_operations()} <= set(ROLES)


def test_every_role_with_a_screen_has_operations() -> None:
    roles = {operation.role for operation in published_operations()}
    assert roles >= {"manager", "agent", "qa_reviewer", "hr", "admin"}
