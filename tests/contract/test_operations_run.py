"""Every published operation, POSTed to /graphql with a bearer token of its declared role, runs against the
seeded organisation: no errors, and the values the seed guarantees (SQLite and PostgreSQL)."""

import pytest
from graphql import OperationDefinitionNode, OperationType

from tests.contract.cases import CASES, at
from tests.contract.conftest import ContractClient
from tests.contract.operations import Operation, published_operations


def test_every_operation_has_a_case() -> None:
    names = {operation.name for operation in published_operations()}
    assert sorted(names - set(CASES)) == [], "add a Case to tests/contract/cases.py"
    assert sorted(set(CASES) - names) == [], "a Case names no published operation"


OVER_HTTP = [
    operation for operation in published_operations()
    if not any(isinstance(node, OperationDefinitionNode) and node.operation is OperationType.SUBSCRIPTION for node in operation.document.definitions)
]
"""Subscriptions run over graphql-transport-ws instead (tests/contract/test_alert_feed.py)."""


@pytest.mark.parametrize("operation", OVER_HTTP, ids=lambda operation: operation.name)
async def test_operation_runs_as_its_role(contract_client: ContractClient, operation: Operation) -> None:
    case = CASES[operation.name]
    body = await contract_client.run(operation.text, role=operation.role, variables=case.variables)
    assert body.get("errors") is None, body["errors"]
    data = body["data"]
    assert {path: at(data, path) for path in case.expected} == case.expected
    assert {path: len(at(data, path)) for path in case.lengths} == case.lengths
