"""``coachloop up`` end to end, as a subprocess on free ports with its own var dir.

SQLite only: ``up`` is the embedded single-machine mode, whose default storage is a
SQLite file. Every wait is bounded; nothing asserts how long anything took.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from server.authz.identity import mint_token
from server.config import Settings
from server.demo.generator import generate_events
from server.ingestion.timestamps import parse_timestamp
from server.timefmt import format_instant
from tests.ops.support import alive, command_line, descendants_of, free_port, stored_event_count, try_get

DEMO_CONVERSATIONS = 200
JWT_SECRET = "up-test-secret"
WAIT_S = 180.0
SERVICE_INFO = "{ serviceInfo { demo timezone watermark } }"
SIGTERM_STOPS = 10


@dataclass
class RunningUp:
    """One ``coachloop up`` process and where to reach it."""

    process: subprocess.Popen
    output: Path
    api_url: str
    database_url: str

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while not condition():
            assert self.process.poll() is None, f"coachloop up exited ({self.process.returncode}) before {what}:\n{self.log()}"
            assert time.monotonic() < deadline, f"gave up waiting for {what}:\n{self.log()}"
            time.sleep(0.2)

    def get(self, path: str) -> httpx.Response | None:
        return try_get(f"{self.api_url}{path}")

    def service_info(self) -> dict:
        token = mint_token(Settings(jwt_secret=JWT_SECRET), subject="ops-test", roles=["admin"])
        response = httpx.post(
            f"{self.api_url}/graphql",
            json={"query": SERVICE_INFO},
            headers={"authorization": f"Bearer {token}"},
            timeout=10.0,
        )
        assert response.status_code == 200, response.text
        return response.json()["data"]["serviceInfo"]

    def wait_exit(self) -> int:
        try:
            return self.process.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError(f"coachloop up did not exit after the signal:\n{self.log()}") from None


@pytest.fixture
def start_up(tmp_path: Path) -> Iterator[Callable[..., RunningUp]]:
    """Start ``coachloop up`` with extra COACHLOOP_ settings; whatever is left is killed afterwards."""
    started: list[RunningUp] = []

    def start(**settings: str) -> RunningUp:
        port = free_port()
        database_url = f"sqlite:///{tmp_path / 'coachloop.db'}"
        environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
        environment.update({
            "COACHLOOP_DATABASE_URL": database_url,
            "COACHLOOP_VAR_DIR": str(tmp_path / "var"),
            "COACHLOOP_PORT": str(port),
            "COACHLOOP_TEMPORAL_PORT": str(free_port()),
            "COACHLOOP_TEMPORAL_UI_PORT": str(free_port()),
            "COACHLOOP_DEMO_CONVERSATIONS": str(DEMO_CONVERSATIONS),
            "COACHLOOP_INGEST_BATCH_SIZE": "1000",
            "COACHLOOP_JWT_SECRET": JWT_SECRET,
            "PYTHONUNBUFFERED": "1",
            **{f"COACHLOOP_{name.upper()}": value for name, value in settings.items()},
        })
        output = tmp_path / f"up-{len(started)}.log"
        with output.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "server.cli", "up"], env=environment, stdout=sink, stderr=subprocess.STDOUT,
                cwd=tmp_path,
            )
        running = RunningUp(process, output, f"http://127.0.0.1:{port}", database_url)
        started.append(running)
        return running

    yield start
    for running in started:
        tree = descendants_of(running.process.pid) if running.process.poll() is None else set()
        running.process.kill()
        running.process.wait(timeout=30)
        for pid in tree:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue


def demo_stream_facts() -> tuple[int, str]:
    """Event count and watermark (RFC 3339, in the demo's Asia/Shanghai) of the stream ``up`` loads by default."""
    instants = [parse_timestamp(event["ts"], None) for event in generate_events(DEMO_CONVERSATIONS, Settings().demo_seed)]
    return len(instants), format_instant(max(instants), ZoneInfo("Asia/Shanghai"))


def process_tree(running: RunningUp, *, embedded_temporal: bool = True) -> set[int]:
    """Every descendant of the supervisor, after checking its children are among them."""
    tree = descendants_of(running.process.pid)
    commands = [command_line(pid) for pid in tree]
    assert any("temporal server start-dev" in command for command in commands) is embedded_temporal, commands
    assert any(command.endswith("server.cli worker ") for command in commands), commands
    assert any(command.endswith("server.cli api ") for command in commands), commands
    return tree


def assert_all_gone(tree: set[int]) -> None:
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert {pid for pid in tree if alive(pid)} == set()


def test_up_loads_the_demo_and_stops_cleanly_on_sigint(start_up: Callable[..., RunningUp]) -> None:
    running = start_up()
    running.wait_for(lambda: (response := running.get("/readyz")) is not None and response.status_code == 200, "/readyz 200")
    running.wait_for(lambda: "demo organisation loaded" in running.log(), "the demo load to finish")
    events, watermark = demo_stream_facts()
    assert running.service_info() == {"demo": True, "timezone": "Asia/Shanghai", "watermark": watermark}
    assert watermark.endswith("+08:00")
    assert "time zone:   Asia/Shanghai (the demo organisation's" in running.log()
    assert re.search(rf"demo organisation loaded: {events} events accepted, 0 duplicates", running.log())
    tree = process_tree(running)

    running.process.send_signal(signal.SIGINT)

    assert running.wait_exit() == 0
    assert_all_gone(tree)
    assert "coachloop stopped." in running.log()
    assert stored_event_count(running.database_url) == events


def test_up_without_demo_starts_empty_and_stops_cleanly_on_sigterm(start_up: Callable[..., RunningUp]) -> None:
    running = start_up(demo="0")
    running.wait_for(lambda: (response := running.get("/readyz")) is not None and response.status_code == 200, "/readyz 200")
    running.wait_for(lambda: "coachloop is up." in running.log(), "the start-up summary")
    assert running.service_info() == {"demo": False, "timezone": "UTC", "watermark": None}
    assert "time zone:   UTC\n" in running.log()
    assert "loading the demo organisation" not in running.log()
    assert "daily retention: workflow " in running.log()
    assert "coaching rules sweep: workflow coaching-rules-sweep" in running.log()
    assert "auto-QA: workflow " in running.log()
    assert "token --role admin --subject you" in running.log()
    tree = process_tree(running)

    running.process.send_signal(signal.SIGTERM)

    assert running.wait_exit() == 0
    assert_all_gone(tree)
    assert stored_event_count(running.database_url) == 0


def test_a_dying_child_stops_the_others_and_exits_non_zero(start_up: Callable[..., RunningUp]) -> None:
    running = start_up(demo="0")
    running.wait_for(lambda: "coachloop is up." in running.log(), "the start-up summary")
    tree = process_tree(running)
    worker = next(pid for pid in tree if command_line(pid).endswith("server.cli worker "))

    os.kill(worker, signal.SIGKILL)

    assert running.wait_exit() == 1
    assert_all_gone(tree)
    assert f"worker exited unexpectedly with code {-signal.SIGKILL}" in running.log()


def test_a_busy_port_fails_fast_with_a_clear_message(start_up: Callable[..., RunningUp]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as occupant:
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        busy = occupant.getsockname()[1]
        running = start_up(demo="0", port=str(busy))
        assert running.wait_exit() == 1
    assert f"port {busy} (API) is already in use" in running.log()


def test_up_uses_a_configured_temporal_instead_of_starting_one(
    start_up: Callable[..., RunningUp], temporal_dev_address: str
) -> None:
    running = start_up(demo="0", temporal_address=temporal_dev_address, temporal_task_queue=f"up-{os.getpid()}")
    running.wait_for(lambda: "coachloop is up." in running.log(), "the start-up summary")
    assert f"Temporal:    {temporal_dev_address}" in running.log()
    assert "Temporal UI" not in running.log()
    tree = process_tree(running, embedded_temporal=False)
    assert len(tree) == 2

    running.process.send_signal(signal.SIGTERM)

    assert running.wait_exit() == 0
    assert_all_gone(tree)


def test_children_stop_even_when_the_supervisor_is_killed(start_up: Callable[..., RunningUp]) -> None:
    """SIGKILL leaves the supervisor no chance to clean up: the kernel's parent-death signal stops the children."""
    running = start_up(demo="0")
    running.wait_for(lambda: "coachloop is up." in running.log(), "the start-up summary")
    tree = process_tree(running)

    running.process.kill()

    assert running.wait_exit() == -signal.SIGKILL
    assert_all_gone(tree)


@pytest.mark.slow
def test_repeated_sigterm_stops_exit_0_and_never_crash_the_interpreter(start_up: Callable[..., RunningUp]) -> None:
    """Each stop lets the worker drain and exit before interpreter finalisation (server/ops/exit.py)."""
    outcomes = []
    for _ in range(SIGTERM_STOPS):
        running = start_up(demo="0")
        running.wait_for(lambda: "coachloop is up." in running.log(), "the start-up summary")
        running.wait_for(lambda: "worker polling task queue" in running.log(), "the worker to poll")
        tree = process_tree(running)

        running.process.send_signal(signal.SIGTERM)

        code = running.wait_exit()
        assert_all_gone(tree)
        log = running.log()
        outcomes.append((code, "Fatal Python error" in log, "worker stopped" in log, "coachloop stopped." in log))
    assert outcomes == [(0, False, True, True)] * SIGTERM_STOPS


@pytest.mark.slow
async def test_a_dev_server_that_loses_a_port_race_is_started_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start of the real dev server is made to fail as a lost bind race does; ``up`` starts it again."""
    from io import StringIO

    import server.ops.up as up
    from server.ops.processes import stop_all
    from server.ops.temporal_dev import find_binary

    real, raced = find_binary("temporal"), tmp_path / "raced"
    shim = tmp_path / "temporal"
    shim.write_text(
        f'#!/bin/sh\nif [ ! -e "{raced}" ]; then touch "{raced}"\n'
        'echo \'{"level":"FATAL","message":"listen tcp 127.0.0.1:34099: bind: address already in use"}\'; exit 1; fi\n'
        f'exec "{real}" "$@"\n'
    )
    shim.chmod(0o755)
    monkeypatch.setattr(up, "find_binary", lambda name: str(shim) if name == "temporal" else find_binary(name))
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'coachloop.db'}", var_dir=tmp_path / "var",
        temporal_port=free_port(), temporal_ui_port=free_port(), demo=False,
    )
    out = StringIO()
    supervisor = up.Supervisor(settings, out=out)
    try:
        assert await supervisor.start_temporal() is True
    finally:
        if supervisor.temporal is not None:
            stop_all([supervisor.temporal], 10.0)
    assert raced.exists()
    assert "Temporal lost a port race while starting; starting it again" in out.getvalue()
    assert (settings.var_dir / "temporal.log").read_text().count("address already in use") == 1
