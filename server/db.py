"""Engines and sessions: one transaction per request, activity or import batch."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Table, event
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings


def sync_url(database_url: str) -> str:
    """The URL with a synchronous driver (for Alembic and bulk tools)."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    elif url.get_backend_name() == "sqlite":
        url = url.set(drivername="sqlite")
    return url.render_as_string(hide_password=False)


def async_url(database_url: str) -> str:
    """The URL with an asyncio driver (for the API, worker and import)."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    elif url.get_backend_name() == "sqlite":
        url = url.set(drivername="sqlite+aiosqlite")
    return url.render_as_string(hide_password=False)


def is_sqlite(database_url: str) -> bool:
    return make_url(database_url).get_backend_name() == "sqlite"


def ensure_sqlite_folder(database_url: str) -> None:
    """Create the folder of a SQLite file so a fresh clone migrates without setup (``migrate`` and ``up`` only)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def configure_sqlite(sync_engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout so a briefly locked file waits instead of failing."""

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def insert_sql(dialect: Dialect, table: Table, columns: Sequence[str], row_count: int = 1) -> str:
    """``INSERT INTO table (columns) VALUES (…), …`` in the driver's own parameter style (bulk writes past SQLAlchemy)."""
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    row = "(" + ", ".join([mark] * len(columns)) + ")"
    names = ", ".join(quote(name) for name in columns)
    return f"INSERT INTO {quote(table.name)} ({names}) VALUES " + ", ".join([row] * row_count)


def existing_sqlite_file(url: str) -> str:
    """A SQLite file URL opened read-write but never created (``mode=rw``): a mistyped path fails at connect
    instead of leaving a new folder and an empty database behind. Only migrations create the file."""
    parsed = make_url(url)
    if not parsed.database or parsed.database == ":memory:" or "uri" in parsed.query:
        return url
    file = "file:" + quote(parsed.database, safe="/")
    return parsed.set(database=file, query={**parsed.query, "mode": "rw", "uri": "true"}).render_as_string(
        hide_password=False
    )


def create_engine(settings: Settings) -> AsyncEngine:
    """The asyncio engine for the configured database (an SQLite file must exist: ``coachloop migrate`` makes it)."""
    url = async_url(settings.database_url)
    if is_sqlite(settings.database_url):
        engine = create_async_engine(existing_sqlite_file(url), connect_args={"timeout": 30})
        configure_sqlite(engine.sync_engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def transaction(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session whose work is committed on success and rolled back on error."""
    async with sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
