"""The ``coachloop`` command: the process commands, then the sub-commands every feature of the feature list declares."""

import argparse
import sys
from collections.abc import Sequence

from server.config import get_settings
from server.features import FEATURES
from server.kernel.feature import CliRegistrar, Feature
from server.ops.cli import register as register_process_commands
from server.ops.logs import configure_logging


def registrars(features: Sequence[Feature]) -> list[CliRegistrar]:
    """Every feature's CLI registrars, in list order."""
    return [register for feature in features for register in feature.cli]


REGISTRARS: list[CliRegistrar] = [register_process_commands, *registrars(FEATURES)]
"""The process commands (``migrate``, ``api``, ``worker``, ``up``: they run what the list builds), then every feature's."""


def build_parser(registered: Sequence[CliRegistrar] | None = None) -> argparse.ArgumentParser:
    """The parser with the sub-commands of ``registered`` (default: the feature list's)."""
    parser = argparse.ArgumentParser(
        prog="coachloop",
        description="coachloop: customer-service KPIs and coaching from one event stream.",
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRARS if registered is None else registered:
        register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    configure_logging(get_settings())
    arguments = build_parser().parse_args(argv)
    return int(arguments.handler(arguments) or 0)


if __name__ == "__main__":
    sys.exit(main())
