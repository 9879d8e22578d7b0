"""The sub-commands of ``coachloop users``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add ``coachloop users import``; its handler is imported only when it runs."""
    users = subcommands.add_parser("users", help="the people directory")
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    parser = actions.add_parser(
        "import",
        help="create or update users from a JSON Lines or CSV file (idempotent)",
        description="One user per line; a line replaces the stored user. Exit status 0 when the import ran, "
        "even with rejected lines; 2 when it could not start.",
    )
    parser.add_argument("file", metavar="FILE", help="JSON Lines (.jsonl) or CSV (.csv, with a header) file")
    parser.add_argument("--format", choices=("jsonl", "csv"), help="the file's format (default: by its extension)")
    parser.add_argument("--reject-file", metavar="PATH", help="write rejected lines here, unchanged, one per line")
    parser.add_argument("--json", action="store_true", help="print one JSON object with counts and reasons")
    parser.set_defaults(handler=Ref("server.people.cli:run_import"))
