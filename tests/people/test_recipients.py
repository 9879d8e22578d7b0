"""Recipient rules on SQLite and PostgreSQL: every rule, sub-teams, inactive users left out, the no-match fallback."""

import logging

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.people.recipients import (
    HumanResources,
    ManagersOf,
    RecipientRule,
    Recipients,
    RecordOwner,
    ReviewersOf,
    TheAgent,
    resolve_recipients,
)
from tests.people.directory import seed_directory

CASES: list[tuple[list[RecipientRule], Recipients]] = [
    ([ManagersOf("t-east-a")], Recipients(("u-east", "u-root"))),  # u-gone leads t-east-a but is inactive
    ([ManagersOf("t-east")], Recipients(("u-east", "u-root"))),
    ([ManagersOf("t-west")], Recipients(("u-root", "u-west"))),
    ([ManagersOf("t-root")], Recipients(("u-root",))),
    ([ManagersOf("t-unknown")], Recipients(("u-admin",), fallback=True)),
    ([ReviewersOf("p-voice")], Recipients(("u-qa1", "u-qa2"))),
    ([ReviewersOf("p-chat")], Recipients(("u-qa2",))),
    ([RecordOwner("u-west")], Recipients(("u-west",))),
    ([RecordOwner("u-gone")], Recipients(("u-admin",), fallback=True)),
    ([TheAgent("a1")], Recipients(("a1",))),
    ([TheAgent("a9")], Recipients(("u-admin",), fallback=True)),
    ([HumanResources()], Recipients(("u-hr",))),
    ([TheAgent("a1"), ManagersOf("t-east"), HumanResources()], Recipients(("a1", "u-east", "u-hr", "u-root"))),
]


@pytest.mark.parametrize(("rules", "expected"), CASES, ids=[repr(rules) for rules, _ in CASES])
async def test_rules_resolve_to_the_expected_users(
    sessionmaker: async_sessionmaker[AsyncSession], rules: list[RecipientRule], expected: Recipients
) -> None:
    await seed_directory(sessionmaker)
    async with sessionmaker() as session:
        assert await resolve_recipients(session, rules) == expected


async def test_no_match_falls_back_to_admins_with_a_warning(
    sessionmaker: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture
) -> None:
    await seed_directory(sessionmaker)
    with caplog.at_level(logging.WARNING, logger="server.people.recipients"):
        async with sessionmaker() as session:
            found = await resolve_recipients(session, [ReviewersOf("p-nobody")])
    assert found == Recipients(("u-admin",), fallback=True)
    assert [record.getMessage() for record in caplog.records] == [
        "no recipient for [ReviewersOf(pool='p-nobody')]; sent to the administrators ['u-admin']"
    ]
