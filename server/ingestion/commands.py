"""The sub-commands of ``coachloop import``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    parser = subcommands.add_parser(
        "import",
        help="import JSON Lines event files (- for stdin)",
        description="Import events (one JSON object per line, docs/events.md). Blank lines are skipped. "
        "Exit status 0 when the import ran, even with rejected lines; 2 when it could not start.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines file, or - for standard input")
    parser.add_argument("--reject-file", metavar="PATH", help="write rejected lines here, unchanged, one per line")
    parser.add_argument("--default-tz", metavar="TZ", help="IANA zone for timestamps without offset (else rejected)")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the counts instead of text")
    parser.add_argument("--batch-size", type=_positive, metavar="N", help="events per transaction")
    parser.set_defaults(handler=Ref("server.ingestion.cli:run_import"))
