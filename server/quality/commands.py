"""The sub-commands of ``coachloop quality``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    quality = subcommands.add_parser("quality", help="quality inspection (auto-QA)")
    actions = quality.add_subparsers(dest="quality_command", required=True, metavar="ACTION")
    schedule = actions.add_parser("schedule", help="start the auto-QA workflow on Temporal: score ended conversations every 30 s (idempotent)")
    schedule.set_defaults(handler=Ref("server.quality.cli:run_schedule"))
