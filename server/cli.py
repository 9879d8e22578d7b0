"""The ``coachloop`` command: one sub-command per task, each registered by its module."""

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from server.authz.cli import register as register_authz
from server.config import get_settings
from server.demo.cli import register as register_demo
from server.ingestion.cli import register as register_ingestion
from server.metrics.cli import register as register_metrics
from server.ops.cli import register as register_ops
from server.ops.logs import configure_logging
from server.retention.cli import register as register_retention

Registrar = Callable[[argparse._SubParsersAction], None]

REGISTRARS: list[Registrar] = [register_ops, register_ingestion, register_demo, register_authz, register_retention, register_metrics]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coachloop",
        description="coachloop: customer-service KPIs and coaching from one event stream.",
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRARS:
        register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    configure_logging(get_settings())
    arguments = build_parser().parse_args(argv)
    return int(arguments.handler(arguments) or 0)


if __name__ == "__main__":
    sys.exit(main())
