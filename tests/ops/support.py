"""Helpers for the ops tests: free ports, the app served in-process, a process tree read from /proc, stored events."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select
from starlette.applications import Starlette

from server.authz.identity import mint_token
from server.config import Settings
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


API_WAIT_S = 60.0
API_JWT_SECRET = "api-process-test-secret-of-32-bytes!"


@dataclass(frozen=True)
class RunningApi:
    """A ``coachloop api`` process serving on ``base``, its output in ``log``."""

    base: str
    log: Path
    process: subprocess.Popen

    @property
    def graphql(self) -> str:
        return f"{self.base}/graphql"

    def token(self, role: str = "admin", subject: str = "test-client", teams: list[str] | None = None) -> str:
        """A bearer token this server accepts."""
        return mint_token(Settings(jwt_secret=API_JWT_SECRET), subject=subject, roles=[role], teams=teams or [])


@contextmanager
def running_api(database_url: str, folder: Path, settings: dict[str, str] | None = None) -> Iterator[RunningApi]:
    """Start ``coachloop api`` on ``database_url`` with extra ``COACHLOOP_`` settings once /healthz answers; stop it after."""
    port = free_port()
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
    environment.update({
        "COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_PORT": str(port), "COACHLOOP_DEMO": "0",
        "COACHLOOP_TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}", "COACHLOOP_JWT_SECRET": API_JWT_SECRET,
        "COACHLOOP_VAR_DIR": str(folder), **(settings or {}),
    })
    log = folder / "api.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "server.cli", "api"], env=environment, stdout=sink, stderr=sink)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + API_WAIT_S
        while True:
            assert process.poll() is None, log.read_text()
            try:
                httpx.get(f"{base}/healthz", timeout=2.0)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield RunningApi(base=base, log=log, process=process)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=API_WAIT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
