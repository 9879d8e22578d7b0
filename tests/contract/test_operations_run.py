"""Every published operation runs against the seeded organisation with a token of its declared role:
no errors, and the values the seed guarantees (SQLite and PostgreSQL)."""

import pytest

from tests.authz.world import Api
from tests.contract.cases import CASES, at
from tests.contract.operations import Operation, published_operations


def test_every_operation_has_a_case() -> None:
    names = {operation.name for operation in published_operations()}
    assert sorted(names - set(CASES)) == [], "add a Case to tests/contract/cases.py"
    assert sorted(set(CASES) - names) == [], "a Case names no published operation"


@pytest.mark.parametrize("operation", published_operations(), ids=lambda operation: operation.name)
async def test_operation_runs_as_its_role(contract_world: Api, operation: Operation) -> None:
    case = CASES[operation.name]
    result = await contract_world.execute(
        operation.text, role=operation.role, variables=case.variables
    )
    assert result.errors is None, [error.formatted for error in result.errors or []]
    assert result.data is not None
    assert {path: at(result.data, path) for path in case.expected} == case.expected
    assert {path: len(at(result.data, path)) for path in case.lengths} == case.lengths
