"""Documents built to be expensive to validate: refused in steps linear in their size, without holding up others."""

import asyncio
import dataclasses
import threading
from collections.abc import Iterator

import pytest
from graphql import ValidationRule, parse
from strawberry.extensions import SchemaExtension

from server.api.document_limits import DocumentMeasurer
from server.authz.fields import GuardedSchema
from server.authz.request import authorize_context
from server.config import Settings
from server.schema import schema
from tests.authz.world import PRINCIPALS, Api

HOLD_LIMIT_S = 20.0


def doubling(levels: int) -> str:
    """``levels`` fragments each spreading the next one twice, the last reading one field: 2^(levels-1) reads."""
    last = levels - 1
    spreads = " ".join(f"fragment F{index} on Query{{...F{index + 1} ...F{index + 1}}}" for index in range(last))
    return f"query{{...F0}} {spreads} fragment F{last} on Query{{serviceInfo{{version}}}}"


def _default_limits(world: Api) -> Api:
    return dataclasses.replace(world, settings=world.settings.model_copy(update={"max_query_cost": Settings().max_query_cost}))


def test_the_probed_document_is_768_bytes() -> None:
    assert len(doubling(21)) == 768


async def test_fragment_doubling_is_refused_for_its_cost(world: Api) -> None:
    result = await _default_limits(world).execute(doubling(21), role="analyst")
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [
        ("Query cost 2097152 exceeds the limit of 20000.", "GRAPHQL_VALIDATION_FAILED")
    ]


@pytest.mark.parametrize("levels", [2, 11, 21, 41])
def test_measuring_visits_each_selection_of_the_document_once(levels: int) -> None:
    document = parse(doubling(levels))
    measurer = DocumentMeasurer(document, schema._schema, Settings())  # noqa: SLF001
    measure = measurer.operation(document.definitions[0])
    # one spread in the operation, two in each doubling fragment, serviceInfo and version in the last
    assert measurer.visits == 1 + 2 * (levels - 1) + 2
    # serviceInfo costs 1 + 1 (version), read 2^(levels-1) times
    assert (measure.cost, measure.depth, measure.aliases) == (2 * 2 ** (levels - 1), 1, 0)


async def test_fragment_cycles_are_measured_and_refused(world: Api) -> None:
    result = await world.execute("query{...A} fragment A on Query{...B me{subject}} fragment B on Query{...A}", role="admin")
    assert result.data is None
    assert [error.message for error in result.errors] == ["Cannot spread fragment 'A' within itself via 'B'."]


def _holding(entered: threading.Event, release: threading.Event, waits: list[bool]) -> GuardedSchema:
    """The real schema plus one validation rule that waits for ``release`` (at most HOLD_LIMIT_S)."""

    class WaitForRelease(ValidationRule):
        def __init__(self, context) -> None:  # noqa: ANN001
            super().__init__(context)
            entered.set()
            waits.append(release.wait(HOLD_LIMIT_S))

    class HoldValidation(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            self.execution_context.validation_rules = (*self.execution_context.validation_rules, WaitForRelease)
            yield

    return GuardedSchema(
        query=schema.query, mutation=schema.mutation, subscription=schema.subscription,
        extensions=[*schema.extensions, HoldValidation], config=schema.config,
    )


async def test_a_slow_validation_does_not_hold_up_other_requests(world: Api) -> None:
    entered, release, waits = threading.Event(), threading.Event(), []
    holding = _holding(entered, release, waits)
    context = world.context()
    await authorize_context(context, PRINCIPALS["admin"])
    slow = asyncio.create_task(holding.execute("{ me { subject } }", context_value=context))
    assert await asyncio.to_thread(entered.wait, HOLD_LIMIT_S)
    other = await world.execute("{ me { subject roles } }", role="manager")
    served_while_held = not slow.done()
    release.set()
    held = await slow
    assert other.data == {"me": {"subject": "u-mgr-east", "roles": ["manager"]}}
    assert served_while_held
    assert waits == [True]
    assert (held.errors, held.data) == (None, {"me": {"subject": "u-admin"}})
