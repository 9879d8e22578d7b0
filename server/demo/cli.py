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
