"""``coachloop demo-data``: write the deterministic demo event stream as JSON Lines."""

import argparse
import sys

from server.demo.generator import write_events


def run_demo_data(arguments: argparse.Namespace) -> int:
    if arguments.conversations < 0:
        print("coachloop demo-data: --conversations must not be negative", file=sys.stderr)
        return 2
    count = write_events(arguments.out, arguments.conversations, arguments.seed)
    if arguments.out != "-":
        print(f"wrote {count} events for {arguments.conversations} conversations to {arguments.out}", file=sys.stderr)
    return 0


def register(subcommands: argparse._SubParsersAction) -> None:
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
    demo.set_defaults(handler=run_demo_data)
