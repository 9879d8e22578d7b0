"""The sub-commands of ``coachloop persisted-queries``: arguments only; the work lives in cli.py."""

import argparse
from typing import Any

from server.kernel.feature import Ref


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    persisted = subcommands.add_parser("persisted-queries", help="GraphQL documents stored by hash (APQ, allow-list)")
    actions = persisted.add_subparsers(dest="persisted_command", required=True, metavar="ACTION")
    add = actions.add_parser("register", help="put the documents of these files on the allow-list")
    add.add_argument("files", nargs="+", metavar="FILE", help="a .graphql file holding one document")
    add.set_defaults(handler=Ref("server.persisted.cli:run_register"))
