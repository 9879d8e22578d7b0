"""Stopping children: who exited 0 after SIGTERM, who exited otherwise, who had to be killed (real processes)."""

import sys
import time
from pathlib import Path

from server.ops.processes import ChildProcess, stop_all, unclean_exits

READY_LINE = "waiting"


def python_child(name: str, on_sigterm: str, tmp_path: Path) -> ChildProcess:
    """A Python child that installs ``on_sigterm`` as its SIGTERM handler, says so in its log, then sleeps."""
    script = (
        "import os, signal, sys, time\n"
        f"signal.signal(signal.SIGTERM, {on_sigterm})\n"
        f"print({READY_LINE!r}, flush=True)\n"
        "time.sleep(120)\n"
    )
    return ChildProcess(name, [sys.executable, "-c", script], log_path=tmp_path / f"{name}.log")


def wait_ready(children: list[ChildProcess]) -> None:
    deadline = time.monotonic() + 60
    for child in children:
        assert child.log_path is not None
        while READY_LINE not in (child.log_path.read_text() if child.log_path.exists() else ""):
            assert time.monotonic() < deadline, f"{child.name} never started"
            time.sleep(0.05)


def test_each_child_is_reported_by_how_it_stopped(tmp_path: Path) -> None:
    children = [
        python_child("clean", "lambda *_: sys.exit(0)", tmp_path),
        python_child("failing", "lambda *_: os._exit(3)", tmp_path),
        python_child("stubborn", "signal.SIG_IGN", tmp_path),
    ]
    for child in children:
        child.start()
    wait_ready(children)

    killed = stop_all(children, timeout_s=2.0)

    assert killed == ["stubborn"]
    assert [child.exit_code() for child in children] == [0, 3, -9]
    assert unclean_exits(children, killed) == ["failing (exit code 3)", "stubborn (killed)"]


def test_children_that_all_exit_0_are_clean(tmp_path: Path) -> None:
    children = [python_child(f"clean-{number}", "lambda *_: sys.exit(0)", tmp_path) for number in range(2)]
    for child in children:
        child.start()
    wait_ready(children)
    assert stop_all(children, timeout_s=30.0) == []
    assert unclean_exits(children, []) == []
