"""What the benchmark ran on: CPU, cores, memory, OS, Python and database versions."""

import os
import platform
import subprocess
import sys
from pathlib import Path

import duckdb


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def code_version(folder: Path) -> str:
    """The checkout's commit, marked when files differ from it; "unknown" outside git."""
    def git(*arguments: str) -> str:
        return subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, text=True, check=True).stdout.strip()
    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no", "--", "server", "migrations", "bench")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout; give --code-label)"
    return f"{commit} with uncommitted changes to server/, migrations/ or bench/" if changed else commit


def machine_info(database_versions: dict[str, str]) -> dict[str, object]:
    """A plain description of this machine and the software measured."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "os": _os_name(),
        "python": sys.version.split()[0],
        "duckdb": duckdb.__version__,
        "load_average_at_start": [round(value, 2) for value in load] if load else None,
        **{f"{backend}_version": version for backend, version in database_versions.items()},
    }
