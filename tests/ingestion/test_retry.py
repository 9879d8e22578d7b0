"""Transient database errors are recognised (and a batch is retried), real errors are not."""

import asyncio
import sqlite3
import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Connection, create_engine as create_sync_engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from server.db import sync_url
from server.ingestion import pipeline
from server.ingestion.hooks import TouchedKeys
from server.ingestion.service import ingest_events, is_transient
from tests.ingestion.events import NOW_US, event
from tests.ingestion.state import table_counts


def locked_sqlite_error(path: Path) -> DBAPIError:
    """The real error of writing to a SQLite file another connection holds locked, without waiting."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    engine = create_sync_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    try:
        with pytest.raises(DBAPIError) as raised, engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
        return raised.value
    finally:
        engine.dispose()
        holder.close()


def test_a_locked_sqlite_database_is_transient(tmp_path) -> None:
    error = locked_sqlite_error(tmp_path / "locked.db")
    assert "database is locked" in str(error.orig)
    assert is_transient(error)


async def test_a_batch_failing_transiently_is_rolled_back_and_retried(settings, sessionmaker, tmp_path, monkeypatch) -> None:
    transient = locked_sqlite_error(tmp_path / "locked.db")
    calls: list[TouchedKeys] = []

    async def fail_once(_session: AsyncSession, touched: TouchedKeys) -> None:
        calls.append(touched)
        if len(calls) == 1:
            raise transient

    monkeypatch.setattr(pipeline, "batch_hooks", lambda: (fail_once,))
    report = await ingest_events(sessionmaker, [event("team.upserted"), event("team.upserted")], settings=settings, now_us=NOW_US)
    assert (report.accepted, report.duplicates, report.conflicts, report.rejected) == (1, 1, 0, 0)
    assert len(calls) == 2
    counts = await table_counts(sessionmaker)
    assert (counts["event"], counts["team"]) == (1, 1)


async def test_a_batch_failing_for_good_is_not_retried(settings, sessionmaker, monkeypatch) -> None:
    calls: list[TouchedKeys] = []

    async def fail(session: AsyncSession, touched: TouchedKeys) -> None:
        calls.append(touched)
        await session.exec(text("INSERT INTO team (team_id, name, ts_us, event_id) VALUES ('team-1', 'again', 0, 'x')"))

    monkeypatch.setattr(pipeline, "batch_hooks", lambda: (fail,))
    with pytest.raises(IntegrityError):
        await ingest_events(sessionmaker, [event("team.upserted")], settings=settings, now_us=NOW_US)
    assert len(calls) == 1
    assert (await table_counts(sessionmaker))["event"] == 0


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_postgresql_deadlock_is_transient_and_a_constraint_violation_is_not(database_url) -> None:
    engine = create_sync_engine(sync_url(database_url))
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE lock_pair (id INTEGER PRIMARY KEY)"))
            connection.execute(text("INSERT INTO lock_pair VALUES (1), (2)"))
        with pytest.raises(IntegrityError) as duplicate, engine.begin() as connection:
            connection.execute(text("INSERT INTO lock_pair VALUES (1)"))
        assert not is_transient(duplicate.value)
        with engine.connect() as first, engine.connect() as second:
            first.execute(text("UPDATE lock_pair SET id = id WHERE id = 1"))
            second.execute(text("UPDATE lock_pair SET id = id WHERE id = 2"))
            failures: list[DBAPIError] = []
            crossing = threading.Thread(target=_update, args=(first, 2, failures))
            crossing.start()
            _update(second, 1, failures)
            crossing.join()
            first.rollback()
            second.rollback()
        assert len(failures) == 1
        assert isinstance(failures[0].orig, psycopg.errors.DeadlockDetected)
        assert is_transient(failures[0])
    finally:
        engine.dispose()


def _update(connection: Connection, row_id: int, failures: list[DBAPIError]) -> None:
    """Lock one row; a deadlock victim records its error (PostgreSQL picks exactly one)."""
    try:
        connection.execute(text("UPDATE lock_pair SET id = id WHERE id = :id"), {"id": row_id})
    except DBAPIError as error:
        failures.append(error)
        connection.rollback()


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_batch_waits_for_a_briefly_locked_sqlite_file(settings, sessionmaker) -> None:
    path = settings.database_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    importing = asyncio.create_task(ingest_events(sessionmaker, [event("team.upserted")], settings=settings, now_us=NOW_US))
    await asyncio.sleep(0.3)
    assert not importing.done()
    holder.execute("COMMIT")
    holder.close()
    report = await importing
    assert report.accepted == 1
    assert (await table_counts(sessionmaker))["team"] == 1
