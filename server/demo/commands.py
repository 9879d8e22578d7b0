"""The sub-commands of ``coachloop demo-data``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    demo = subcommands.add_parser(
        "demo-data",
        help="write a realistic demo event stream (JSON Lines; deterministic for a seed)",
        description="Write the demo organisation's event stream: teams, agents, Chinese conversations, "
        "peaks, a promotion, bot-first conversations, transfers, KB use, late feedback. "
        "Every event carries \"source\": \"demo\".",
    )
    demo.add_argument("--conversations", type=int, default=1000, help="number of conversations (default 1000)")
    demo.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same file")
    demo.add_argument("--out", default="-", help="output file, or - for stdout (default)")
    demo.set_defaults(handler=Ref("server.demo.cli:run_demo_data"))
