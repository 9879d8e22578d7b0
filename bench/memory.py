"""Run one stage in a child process and measure it alone: wall time and peak resident memory.

The peak is the child's own high-water mark of resident memory (``VmHWM`` in
/proc/self/status), read by the child at its end and put in its result. The
``ru_maxrss`` that ``wait4`` gives is not used: Linux carries the parent's resident
size across fork and exec into it, so it would count the benchmark process too.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 0.2
REPOSITORY = Path(__file__).resolve().parent.parent
"""Children run here, so ``python -m bench.…`` and ``server`` import as in the checkout."""


class StageFailed(Exception):
    """A child stage exited with an error; the message names it and the log to read."""


@dataclass(frozen=True)
class Measured:
    """How a child process ran."""

    exit_code: int
    wall_seconds: float
    stdout: str


def peak_rss_bytes() -> int:
    """This process's peak resident memory so far (Linux ``VmHWM``)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status (the benchmark measures memory on Linux)")


def run_measured(
    arguments: Sequence[str],
    *,
    log: Path,
    env: dict[str, str] | None = None,
    on_tick: Callable[[float], None] | None = None,
    tick_seconds: float = 60.0,
) -> Measured:
    """Run ``python arguments…`` to completion; stderr is appended to ``log``, stdout returned.

    ``on_tick(elapsed)`` is called every ``tick_seconds`` while the child runs (progress lines).
    """
    command = [sys.executable, *arguments]
    stdout_path = log.with_suffix(".stdout")
    with open(log, "ab") as errors, open(stdout_path, "wb") as output:
        errors.write(f"\n$ {' '.join(command)}\n".encode())
        errors.flush()
        started = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=output, stderr=errors, env={**os.environ, **(env or {})}, cwd=REPOSITORY
        )
        next_tick = started + tick_seconds
        while True:
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid == child.pid:
                break
            now = time.perf_counter()
            if on_tick is not None and now >= next_tick:
                on_tick(now - started)
                next_tick = now + tick_seconds
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stdout = stdout_path.read_text(encoding="utf-8", errors="replace")
    stdout_path.unlink()
    return Measured(child.returncode, wall, stdout)


def run_stage(arguments: Sequence[str], *, log: Path, name: str, **options: object) -> Measured:
    """``run_measured``, raising StageFailed when the child did not exit 0."""
    measured = run_measured(arguments, log=log, **options)  # type: ignore[arg-type]
    if measured.exit_code != 0:
        raise StageFailed(f"{name} failed with exit code {measured.exit_code}; see {log}")
    return measured
