"""Child processes of ``coachloop up``: each in its own process group, tied to the supervisor's life.

Every child leads a new process group, so a signal sent to the group reaches the child
and anything it started, and a terminal's Ctrl-C reaches only the supervisor, which
then stops the children in order. On Linux each child also gets SIGTERM if the
supervisor itself dies without cleaning up, so nothing is left behind even then.
"""

import ctypes
import ctypes.util
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


def _parent_death_signal() -> Callable[[], None] | None:
    """A pre-exec hook asking Linux to SIGTERM the child when its parent dies (None elsewhere)."""
    library = ctypes.util.find_library("c")
    if not library or not hasattr(os, "getppid"):
        return None
    try:
        prctl = ctypes.CDLL(library, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def set_signal() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    return set_signal


PARENT_DEATH_SIGNAL = _parent_death_signal()
"""Looked up once in the parent, so the hook run between fork and exec is a single C call."""


def port_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be bound for listening right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class ChildProcess:
    """One named child: started in its own process group, stopped with the whole group."""

    def __init__(self, name: str, command: Sequence[str], *, env: dict[str, str] | None = None,
                 log_path: Path | None = None) -> None:
        self.name = name
        self.command = list(command)
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self._log: IO[bytes] | None = None

    def start(self) -> None:
        """Start the child (call from the main thread: the parent-death signal follows the forking thread)."""
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "ab")  # noqa: SIM115  (closed in wait_stopped)
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT if self._log is not None else None,
            start_new_session=True,
            preexec_fn=PARENT_DEATH_SIGNAL,  # noqa: PLW1509  (one prctl call, prepared before fork)
        )
        logger.debug("started %s (pid %s): %s", self.name, self.process.pid, " ".join(self.command))

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def exit_code(self) -> int | None:
        """The child's exit code, or None while it runs."""
        return None if self.process is None else self.process.poll()

    def signal_group(self, signal_number: int) -> None:
        """Send ``signal_number`` to the child's process group (the child and its descendants)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal_number)
        except (ProcessLookupError, PermissionError):
            return

    def wait_stopped(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for the child to exit; False if it is still running."""
        if self.process is None:
            return True
        deadline = time.monotonic() + timeout_s
        while self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        stopped = self.process.poll() is not None
        if stopped and self._log is not None:
            self._log.close()
            self._log = None
        return stopped

    def kill_group(self) -> None:
        """SIGKILL whatever is left of the child's process group."""
        self.signal_group(signal.SIGKILL)


def stop_all(children: Sequence[ChildProcess], timeout_s: float) -> list[str]:
    """SIGTERM every child's group, wait up to ``timeout_s`` in all, then SIGKILL; returns the names killed."""
    for child in children:
        child.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    killed = []
    for child in children:
        if not child.wait_stopped(max(0.0, deadline - time.monotonic())):
            logger.warning("%s did not stop within %.0f s; killing it", child.name, timeout_s)
            killed.append(child.name)
            child.kill_group()
            child.wait_stopped(timeout_s)
        child.kill_group()
    return killed


def unclean_exits(children: Sequence[ChildProcess], killed: Sequence[str]) -> list[str]:
    """``name (how)`` for every started child that was killed or exited with a code other than 0."""
    unclean = []
    for child in children:
        code = child.exit_code()
        if child.name in killed:
            unclean.append(f"{child.name} (killed)")
        elif code is not None and code != 0:
            unclean.append(f"{child.name} (exit code {code})")
    return unclean
