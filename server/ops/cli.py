"""Deployment commands: migrate, api, worker, and up (everything embedded, one process tree).

``api``, ``worker`` and ``up`` hold Temporal clients: each stops its work fully, then
ends through ``exit_process`` (see server/ops/exit.py), 0 after a requested stop.
"""

import argparse
import asyncio
import logging
import signal
from types import FrameType
from typing import NoReturn

import uvicorn

from server.config import get_settings
from server.db import ensure_sqlite_folder
from server.migrate import upgrade
from server.ops.exit import exit_process
from server.ops.tracing import configure_tracing, shutdown_tracing
from server.ops.up import run_up
from workflows.worker import serve_worker

logger = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_migrate(_arguments: argparse.Namespace) -> int:
    database_url = get_settings().database_url
    ensure_sqlite_folder(database_url)
    upgrade(database_url)
    return 0


def stop_signal_seen(signal_number: int, _frame: FrameType | None) -> None:
    """What remains of a stop signal uvicorn re-raises after its own graceful shutdown: nothing to do."""
    logger.debug("API stopped by signal %s", signal.Signals(signal_number).name)


def end(code: int) -> NoReturn:
    """Export the spans still buffered, then end the process (server/ops/exit.py)."""
    shutdown_tracing()
    exit_process(code)


def run_api(_arguments: argparse.Namespace) -> NoReturn:
    settings = get_settings()
    configure_tracing(settings, "api")
    for signal_number in STOP_SIGNALS:
        signal.signal(signal_number, stop_signal_seen)
    try:
        uvicorn.run(
            "server.app:create_app", factory=True, host=settings.host, port=settings.port,
            log_config=None, access_log=False,  # records go to the root logger (server/ops/logs.py); AccessLog logs requests
            log_level=settings.log_level.lower(), timeout_graceful_shutdown=round(settings.shutdown_grace_seconds),
        )
    except SystemExit as error:
        end(error.code if isinstance(error.code, int) else 1)
    end(0)


def run_worker(_arguments: argparse.Namespace) -> NoReturn:
    settings = get_settings()
    configure_tracing(settings, "worker")
    try:
        asyncio.run(serve_worker(settings))
    except Exception:
        logger.exception("worker failed")
        end(1)
    end(0)


def run_everything(_arguments: argparse.Namespace) -> NoReturn:
    settings = get_settings()
    configure_tracing(settings, "up")
    end(run_up(settings))
