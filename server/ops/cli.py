"""Deployment commands: migrate, api."""

import argparse

import uvicorn

from server.config import get_settings
from server.migrate import upgrade


def run_migrate(_arguments: argparse.Namespace) -> int:
    upgrade(get_settings().database_url)
    return 0


def run_api(_arguments: argparse.Namespace) -> int:
    settings = get_settings()
    uvicorn.run("server.app:create_app", factory=True, host=settings.host, port=settings.port, log_level="info")
    return 0


def register(subcommands: argparse._SubParsersAction) -> None:
    migrate = subcommands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=run_migrate)
    api = subcommands.add_parser("api", help="serve the HTTP API (GraphQL, health)")
    api.set_defaults(handler=run_api)
