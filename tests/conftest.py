"""Storage for tests: every storage test runs on SQLite and on PostgreSQL, migrated by Alembic.

Tiers: a test that uses a database is marked ``storage``, one that starts a Temporal
server (a fixture, or ``coachloop up``) ``temporal``; ``make test-fast`` runs the rest.

- ``database_url``: a fresh, migrated database of its own (SQLite file or PostgreSQL
  database cloned from a migrated template); real commits, nothing to clean up.
- ``sessionmaker``: sessions on that database.
- ``session``: one session whose work is rolled back after the test.
"""

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.pipeline import settle_evaluations
from server.authz.identity import mint_token
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.migrate import upgrade

POSTGRES_ADMIN_URL = os.environ.get("COACHLOOP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


def _postgres_admin() -> psycopg.Connection:
    url = make_url(POSTGRES_ADMIN_URL)
    return psycopg.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password,
        dbname=url.database, autocommit=True,
    )


def _postgres_url(database: str) -> str:
    return make_url(POSTGRES_ADMIN_URL).set(database=database).render_as_string(hide_password=False)


class StorageTemplates:
    """Migrated template databases, made once per test session and cloned per test.

    PostgreSQL clones are prepared one ahead and dropped after their test on a
    background thread, so the server's file work overlaps the tests instead of
    adding to the suite's time.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.run = uuid.uuid4().hex[:8]
        self.sqlite_template = folder / "template.db"
        self.postgres_template = f"coachloop_tpl_{self.run}"
        self._made: set[str] = set()
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-clones")
        self._spare: Future[str] | None = None
        self._pending_drops: list[Future[None]] = []
        self._open_postgres: set[str] = set()

    def _make(self, backend: str) -> None:
        if backend in self._made:
            return
        if backend == "sqlite":
            upgrade(f"sqlite:///{self.sqlite_template}")
        else:
            with _postgres_admin() as admin:
                admin.execute(f'CREATE DATABASE "{self.postgres_template}" ENCODING \'UTF8\' TEMPLATE template0')
            upgrade(_postgres_url(self.postgres_template))
        self._made.add(backend)

    def _clone_postgres(self) -> str:
        database = f"coachloop_t_{self.run}_{uuid.uuid4().hex[:10]}"
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{self.postgres_template}"')
        return database

    @staticmethod
    def _drop_postgres(database: str) -> None:
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def fresh(self, backend: str) -> str:
        """A new migrated database; returns its URL."""
        self._make(backend)
        if backend == "sqlite":
            target = self.folder / f"{uuid.uuid4().hex[:10]}.db"
            shutil.copyfile(self.sqlite_template, target)
            return f"sqlite:///{target}"
        spare, self._spare = self._spare, self._background.submit(self._clone_postgres)
        database = spare.result() if spare is not None else self._clone_postgres()
        self._open_postgres.add(database)
        return _postgres_url(database)

    def release(self, url: str) -> None:
        """The test that used ``url`` is over: drop its PostgreSQL database in the background."""
        database = make_url(url).database or ""
        if database in self._open_postgres:
            self._open_postgres.discard(database)
            self._pending_drops.append(self._background.submit(self._drop_postgres, database))

    def drop_all(self) -> None:
        if self._spare is not None:
            self._open_postgres.add(self._spare.result())
        for database in sorted(self._open_postgres):
            self._pending_drops.append(self._background.submit(self._drop_postgres, database))
        for drop in self._pending_drops:
            drop.result()
        self._background.shutdown()
        if "postgresql" in self._made:
            self._drop_postgres(self.postgres_template)


TEMPORAL_FIXTURES = frozenset({"time_skipping_env", "temporal_dev_server", "temporal_dev_address"})
TEMPORAL_MODULES = frozenset({"test_up.py", "test_demo_start.py"})
"""Modules that start Temporal through ``coachloop up`` rather than a fixture."""
STORAGE_MODULES = frozenset({"test_bench_smoke.py"})
"""Modules that make their databases themselves (the benchmark, on SQLite and PostgreSQL)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by what it needs, so tiers can be chosen with ``-m``."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "storage_templates" in fixtures or item.path.name in STORAGE_MODULES:
            item.add_marker(pytest.mark.storage)
        if fixtures & TEMPORAL_FIXTURES or item.path.name in TEMPORAL_MODULES:
            item.add_marker(pytest.mark.temporal)


@pytest.fixture(autouse=True)
async def alert_evaluations_settled() -> AsyncIterator[None]:
    """Each test's commits finish their alert evaluation before its database goes (they run after the commit)."""
    yield
    await settle_evaluations()


@pytest.fixture(scope="session")
def storage_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StorageTemplates]:
    templates = StorageTemplates(tmp_path_factory.mktemp("storage"))
    yield templates
    templates.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The storage backend of this test run: ``sqlite`` or ``postgresql``."""
    return request.param


@pytest.fixture
def database_url(backend: str, storage_templates: StorageTemplates) -> Iterator[str]:
    """A fresh migrated database for this test alone."""
    url = storage_templates.fresh(backend)
    yield url
    storage_templates.release(url)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings pointing at this test's database (UTC, demo off)."""
    return Settings(database_url=database_url, var_dir=tmp_path, demo=False, timezone="UTC")


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_sessionmaker(engine)


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session rolled back after the test."""
    async with sessionmaker() as session:
        yield session
        await session.rollback()


@pytest.fixture(scope="session")
def auth_headers() -> Callable[..., dict[str, str]]:
    """Headers with a development bearer token: ``auth_headers(role="admin", subject=..., teams=[...])``.

    Signed with the default development secret, which every test ``Settings`` uses.
    """

    def make(
        role: str = "admin",
        *,
        subject: str = "test-user",
        teams: list[str] | None = None,
        roles: list[str] | None = None,
        ttl_seconds: int = 3600,
    ) -> dict[str, str]:
        token = mint_token(
            Settings(), subject=subject, roles=roles or [role], teams=teams or [], ttl_seconds=ttl_seconds
        )
        return {"authorization": f"Bearer {token}"}

    return make
