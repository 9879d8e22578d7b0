"""Helpers for the ops tests: free ports, the app served in-process, a process tree read from /proc, stored events."""

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select
from starlette.applications import Starlette

from server.db import sync_url
from server.ingestion.models import StoredEvent


def free_port() -> int:
    """A TCP port nothing listens on right now (so tests never collide with a running ``make up``)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@asynccontextmanager
async def serve(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to ``app`` in-process, with its lifespan running."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://coachloop.test") as client:
            yield client


def try_get(url: str) -> httpx.Response | None:
    """GET ``url``, or None while nothing answers there."""
    try:
        return httpx.get(url, timeout=5.0)
    except httpx.HTTPError:
        return None


def children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return children


def descendants_of(pid: int) -> set[int]:
    """Every descendant of ``pid``: children, their children, and so on."""
    found: set[int] = set()
    pending = children_of(pid)
    while pending:
        child = pending.pop()
        if child not in found:
            found.add(child)
            pending += children_of(child)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def stored_event_count(database_url: str) -> int:
    """Events in the event store at ``database_url`` (a synchronous engine of its own)."""
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(StoredEvent)).scalar_one()
    finally:
        engine.dispose()
