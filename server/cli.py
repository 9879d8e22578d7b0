"""The ``coachloop`` command: the process commands, then the sub-commands every feature of the feature list declares.

Building the parser imports only the features' declarations and their argument
definitions; a command's own modules are imported when it runs.
"""

import argparse
import sys
from collections.abc import Sequence

from server.features import FEATURES
from server.kernel.feature import CliRegistrar, Feature, resolve
from server.ops.commands import register as register_process_commands


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
    arguments = build_parser().parse_args(argv)
    from server.config import get_settings  # noqa: PLC0415  (after parsing: --help needs no settings)
    from server.ops.logs import configure_logging  # noqa: PLC0415

    configure_logging(get_settings())
    return int(resolve(arguments.handler)(arguments) or 0)


if __name__ == "__main__":
    sys.exit(main())
