"""The HTTP transport against the ASGI app in-process (httpx), on one migrated SQLite database per module.

What these tests check is the wire, not storage: one backend is enough, except for
persisted queries, whose storage tests run on SQLite and PostgreSQL.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.config import Settings
from tests.conftest import StorageTemplates
from tests.ops.support import serve


@pytest.fixture(scope="module")
def sqlite_settings(storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Development settings on a migrated SQLite database of this module's own; nothing here writes to it."""
    return Settings(database_url=storage_templates.fresh("sqlite"), var_dir=tmp_path_factory.mktemp("api"), demo=False)


@pytest.fixture
def client_for(sqlite_settings: Settings) -> Callable[..., Any]:
    """``async with client_for(**settings_changes) as client``: the app with those settings changed."""

    @asynccontextmanager
    async def open_client(**changes: Any) -> AsyncIterator[httpx.AsyncClient]:
        async with serve(create_app(sqlite_settings.model_copy(update=changes))) as client:
            yield client

    return open_client
