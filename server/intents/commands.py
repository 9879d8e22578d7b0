"""The sub-commands of ``coachloop intents``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    intents = subcommands.add_parser("intents", help="durable after-commit work (workflow starts, notifications)")
    actions = intents.add_subparsers(dest="intents_command", required=True, metavar="ACTION")
    sweep = actions.add_parser("sweep", help="complete intents left pending for over a minute (safe to run any time)")
    sweep.set_defaults(handler=Ref("server.intents.cli:run_sweep"))
