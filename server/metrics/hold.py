"""The upkeep lease's hold: a lock tied to the live importing process, not to a clock.

A bulk import that defers the fact upkeep (server/metrics/upkeep.py) takes the hold
before it marks the facts as owed, and keeps it until its catch-up committed. Whatever
stops the process (SIGTERM, ``kill -9``, a crash, a lost connection) frees the hold
with it, so the next query or import sees at once that nobody is folding the owed
events, without waiting for anything to expire and without the stopped process
writing anything on its way out.

- SQLite (one machine by construction): ``flock`` on ``<database file>-upkeep.lock``;
  the kernel drops it when the holder's file descriptor closes, the process's death
  included.
- PostgreSQL: a session-level advisory lock on a connection of its own; the server
  drops it when that session ends. (A pooler in transaction mode would break this:
  connect imports directly.)
- SQLite in memory: a lock of this process.
"""

import errno
import fcntl
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

ADVISORY_KEY = (0x636C, 0x0F0C)
"""The (int4, int4) advisory lock key of the hold on PostgreSQL ("cl", "facts")."""
HOLD_SUFFIX = "-upkeep.lock"
_IN_MEMORY: set[str] = set()

_PG_TRY = text(f"SELECT pg_try_advisory_lock({ADVISORY_KEY[0]}, {ADVISORY_KEY[1]})")
_PG_UNLOCK = text(f"SELECT pg_advisory_unlock({ADVISORY_KEY[0]}, {ADVISORY_KEY[1]})")
_PG_HELD = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    f" AND classid = {ADVISORY_KEY[0]} AND objid = {ADVISORY_KEY[1]} AND objsubid = 2)"
)


def _hold_file(url: URL) -> Path | None:
    """The lock file beside a SQLite database file (plain path or ``file:`` URI); None for an in-memory database."""
    database = url.database or ""
    if url.query.get("uri") == "true" and database.startswith("file:"):
        database = unquote(database.removeprefix("file:"))
    if not database or database == ":memory:" or url.query.get("mode") == "memory":
        return None
    return Path(database + HOLD_SUFFIX)


@dataclass
class UpkeepHold:
    """A taken hold; ``release`` frees it (idempotent, writes nothing to the database)."""

    _file: int | None = None
    _connection: AsyncConnection | None = None
    _memory_key: str | None = None

    async def release(self) -> None:
        if self._file is not None:
            os.close(self._file)  # closing the descriptor drops the flock
            self._file = None
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                await connection.execute(_PG_UNLOCK)
                await connection.commit()
                await connection.close()
            except Exception:  # noqa: BLE001  (the lock goes with the session: end it instead)
                await connection.invalidate()
        if self._memory_key is not None:
            _IN_MEMORY.discard(self._memory_key)
            self._memory_key = None


async def take_hold(engine: AsyncEngine) -> UpkeepHold | None:
    """The hold, or None when a live process holds it already."""
    url = engine.url
    if url.get_backend_name() == "postgresql":
        connection = await engine.connect()
        try:
            taken = (await connection.execute(_PG_TRY)).scalar_one()
            await connection.commit()
        except BaseException:
            await connection.invalidate()
            raise
        if not taken:
            await connection.close()
            return None
        return UpkeepHold(_connection=connection)
    path = _hold_file(url)
    if path is None:
        key = str(url)
        if key in _IN_MEMORY:
            return None
        _IN_MEMORY.add(key)
        return UpkeepHold(_memory_key=key)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(descriptor)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return UpkeepHold(_file=descriptor)


async def hold_is_live(session: AsyncSession) -> bool:
    """Whether some live process holds the hold on ``session``'s database."""
    bind = session.bind
    assert isinstance(bind, AsyncEngine), "sessions are made by server.db.create_sessionmaker"
    url = bind.url
    if url.get_backend_name() == "postgresql":
        return bool((await session.exec(_PG_HELD)).scalar_one())  # type: ignore[call-overload]
    path = _hold_file(url)
    if path is None:
        return str(url) in _IN_MEMORY
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return True
        raise
    finally:
        with suppress(OSError):
            os.close(descriptor)
    return False
