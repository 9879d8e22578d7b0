"""Every published operation is valid against frontend-contract/schema.graphql, names are unique, roles are real."""

import pytest
from graphql import build_schema, validate

from server.authz.identity import ROLES
from tests.contract.operations import CONTRACT, Operation, published_operations, role_of

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


@pytest.mark.parametrize(
    ("text", "role"),
    [("# role: manager\nquery A { me { subject } }\n", "manager"), ("# screen: x\n#  role:  hr \nquery B { me { subject } }", "hr")],
)
def test_a_file_declares_its_role_in_a_header_comment(text: str, role: str) -> None:
    assert role_of(text, CONTRACT / "x.graphql") == role


@pytest.mark.parametrize("text", ["query A { me { subject } }", "# role: hr\n# role: admin\nquery A { me { subject } }"])
def test_a_file_without_exactly_one_role_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="declare exactly one"):
        role_of(text, CONTRACT / "x.graphql")
