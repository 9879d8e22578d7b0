"""The benchmark's own databases: a SQLite file or a PostgreSQL database per backend and role.

Roles: ``app`` is coachloop's migrated database, ``bare`` holds the plain-insert table.
PostgreSQL databases are created and dropped through the admin URL's server; the admin
database itself is only connected to, never changed.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from bench.layout import Layout
from server.migrate import upgrade

BACKENDS = ("sqlite", "postgresql")
DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


class Databases:
    """Creates, migrates, inspects and drops the run's databases."""

    def __init__(self, layout: Layout, postgres_admin_url: str = DEFAULT_POSTGRES_ADMIN_URL) -> None:
        self.layout = layout
        self.admin_url = postgres_admin_url

    def _admin(self, database: str | None = None) -> psycopg.Connection:
        url = make_url(self.admin_url)
        return psycopg.connect(
            host=url.host, port=url.port or 5432, user=url.username, password=url.password,
            dbname=database or url.database, autocommit=True,
        )

    def url(self, backend: str, role: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.layout.sqlite_file(role).resolve()}"
        return make_url(self.admin_url).set(database=self.layout.postgres_database(role)).render_as_string(hide_password=False)

    def drop(self, backend: str, role: str) -> None:
        if backend == "sqlite":
            path = self.layout.sqlite_file(role)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.layout.postgres_database(role)}" WITH (FORCE)')

    def create(self, backend: str, role: str, *, migrate: bool) -> str:
        """A new empty database (dropped first if it exists), migrated when ``migrate``; its URL."""
        self.drop(backend, role)
        if backend == "sqlite":
            self.layout.sqlite_file(role).parent.mkdir(parents=True, exist_ok=True)
            sqlite3.connect(self.layout.sqlite_file(role)).close()
        else:
            with self._admin() as admin:
                admin.execute(f"CREATE DATABASE \"{self.layout.postgres_database(role)}\" ENCODING 'UTF8' TEMPLATE template0")
        url = self.url(backend, role)
        if migrate:
            upgrade(url)
        return url

    def _scalar(self, backend: str, role: str, query: str) -> object:
        if backend == "sqlite":
            with closing(sqlite3.connect(self.layout.sqlite_file(role), timeout=30)) as connection:
                return connection.execute(query).fetchone()[0]
        with self._admin(self.layout.postgres_database(role)) as connection:
            return connection.execute(query).fetchone()[0]

    def stored_events(self, backend: str, role: str = "app") -> int:
        """How many events coachloop has stored so far (progress while importing)."""
        return int(self._scalar(backend, role, "SELECT coalesce(max(seq), 0) FROM event") or 0)

    def size_bytes(self, backend: str, role: str) -> int:
        if backend == "sqlite":
            path = self.layout.sqlite_file(role)
            return sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{path}{suffix}").exists())
        return int(self._scalar(backend, role, "SELECT pg_database_size(current_database())"))  # type: ignore[arg-type]

    def server_version(self, backend: str) -> str:
        if backend == "sqlite":
            return sqlite3.sqlite_version
        with self._admin() as admin:
            return str(admin.execute("SHOW server_version").fetchone()[0])
