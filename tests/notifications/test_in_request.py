"""``notify`` inside a request: delivered right after the commit, never after a rollback."""

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.context import Context
from server.notifications.outbox import notify
from server.people.recipients import ManagersOf
from tests.notifications.support import drift, inbox
from tests.people.directory import seed_directory


@pytest.mark.parametrize(("success", "expected"), [(True, [("u-east", "g1"), ("u-root", "g1")]), (False, [])], ids=["commit", "rollback"])
async def test_notify_delivers_in_app_after_the_commit_only(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, success: bool, expected: list
) -> None:
    await seed_directory(sessionmaker)
    context = Context(settings=settings, sessionmaker=sessionmaker, request_id="r1")

    entry = await notify(context, drift(), [ManagersOf("t-east-a")])
    before = await inbox(sessionmaker)
    await context.finish(success=success)

    assert entry.recipients == ("u-east", "u-root")
    assert before == []
    assert await inbox(sessionmaker) == expected
