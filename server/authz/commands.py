"""The sub-commands of ``coachloop token``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref
from server.authz.roles import ROLES

DEFAULT_TTL_SECONDS = 8 * 3600


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    token = subcommands.add_parser(
        "token",
        help="print a development bearer token (HS256, the configured secret)",
        description=f"Roles of the default policy: {', '.join(ROLES)}. Use as 'Authorization: Bearer <token>'.",
    )
    token.add_argument("--role", action="append", required=True, help="a role; repeat for several")
    token.add_argument("--subject", required=True, help="subject id; an agent's id for the agent role")
    token.add_argument("--team", action="append", help="a team the subject leads (managers); repeat for several")
    token.add_argument("--ttl", type=int, default=DEFAULT_TTL_SECONDS, help="lifetime in seconds (default 8 h)")
    token.set_defaults(handler=Ref("server.authz.cli:run_token"))
