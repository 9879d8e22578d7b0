"""Node tools of frontend-contract/ (installed by `make node-deps` from its lock file), run from the tests."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.contract.operations import CONTRACT

NODE_BIN = CONTRACT / "node_modules" / ".bin"
CHROMIUM = Path(os.environ.get("COACHLOOP_TEST_CHROMIUM", "/usr/bin/chromium"))


def node() -> str:
    """The ``node`` on PATH; a clear failure without one."""
    found = shutil.which("node")
    if found is None:
        pytest.fail("Node.js 20+ is needed for the contract tests (node on PATH)")
    return found


def node_script(name: str) -> list[str]:
    """``node scripts/<name>`` after checking the packages are installed."""
    node_tool("tsc")
    return [node(), f"scripts/{name}"]


def node_tool(name: str) -> Path:
    """A tool of frontend-contract/node_modules/.bin; a clear failure when `make node-deps` has not run."""
    tool = NODE_BIN / name
    node()
    if not tool.exists():
        pytest.fail(f"{tool} is missing: run `make node-deps` (npm ci in frontend-contract/)")
    return tool


def run_node(arguments: list[str | Path], *, timeout: float = 300, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command in frontend-contract/ and return its completed process (output captured as text)."""
    return subprocess.run(
        [str(argument) for argument in arguments], cwd=CONTRACT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(environment or {})},
    )
