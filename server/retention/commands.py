"""The sub-commands of ``coachloop retention``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    retention = subcommands.add_parser("retention", help="apply policies/retention.yaml")
    actions = retention.add_subparsers(dest="retention_command", required=True, metavar="ACTION")
    apply = actions.add_parser("apply", help="anonymise and purge what is due now, once")
    apply.set_defaults(handler=Ref("server.retention.cli:run_apply"))
    schedule = actions.add_parser("schedule", help="start the daily retention workflow on Temporal (idempotent)")
    schedule.set_defaults(handler=Ref("server.retention.cli:run_schedule"))
