"""Deployment commands: migrate, api, worker, and up (everything embedded, one process tree)."""

import argparse
import asyncio

import uvicorn

from server.config import get_settings
from server.migrate import upgrade
from server.ops.up import run_up
from workflows.worker import serve_worker

API_GRACEFUL_SHUTDOWN_S = 5


def run_migrate(_arguments: argparse.Namespace) -> int:
    upgrade(get_settings().database_url)
    return 0


def run_api(_arguments: argparse.Namespace) -> int:
    settings = get_settings()
    uvicorn.run(
        "server.app:create_app", factory=True, host=settings.host, port=settings.port,
        log_level=settings.log_level.lower(), timeout_graceful_shutdown=API_GRACEFUL_SHUTDOWN_S,
    )
    return 0


def run_worker(_arguments: argparse.Namespace) -> int:
    asyncio.run(serve_worker(get_settings()))
    return 0


def run_everything(_arguments: argparse.Namespace) -> int:
    return run_up(get_settings())


def register(subcommands: argparse._SubParsersAction) -> None:
    migrate = subcommands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=run_migrate)
    api = subcommands.add_parser("api", help="serve the HTTP API (GraphQL, health); stateless, run as many as you like")
    api.set_defaults(handler=run_api)
    worker = subcommands.add_parser(
        "worker", help="run the Temporal worker for every workflow and activity; stateless, run as many as you like"
    )
    worker.set_defaults(handler=run_worker)
    up = subcommands.add_parser(
        "up", help="migrate, then run the Temporal dev server, a worker and the API together (Ctrl-C stops all)"
    )
    up.set_defaults(handler=run_everything)
