"""The sub-commands of ``coachloop team-reviews``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    reviews = subcommands.add_parser("team-reviews", help="periodic team reviews")
    actions = reviews.add_subparsers(dest="team_reviews_command", required=True, metavar="ACTION")
    schedule = actions.add_parser(
        "schedule", help="start every team's review schedule on Temporal (idempotent; pending intents when Temporal is down)"
    )
    schedule.set_defaults(handler=Ref("server.evaluation.cli:run_schedule"))
