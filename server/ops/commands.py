"""The sub-commands of the process commands ``migrate``, ``api``, ``worker`` and ``up``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    migrate = subcommands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=Ref("server.ops.cli:run_migrate"))
    api = subcommands.add_parser("api", help="serve the HTTP API (GraphQL, health); stateless, run as many as you like")
    api.set_defaults(handler=Ref("server.ops.cli:run_api"))
    worker = subcommands.add_parser(
        "worker", help="run the Temporal worker for every workflow and activity; stateless, run as many as you like"
    )
    worker.set_defaults(handler=Ref("server.ops.cli:run_worker"))
    up = subcommands.add_parser(
        "up", help="migrate, then run the Temporal dev server, a worker and the API together (Ctrl-C stops all)"
    )
    up.set_defaults(handler=Ref("server.ops.cli:run_everything"))
