"""``coachloop token``: mint a development bearer token."""

import argparse
import sys

from server.authz.identity import ROLES, mint_token
from server.config import get_settings

DEFAULT_TTL_SECONDS = 8 * 3600


def run_token(arguments: argparse.Namespace) -> int:
    settings = get_settings()
    if not settings.is_development:
        sys.stderr.write("coachloop token only mints development tokens (COACHLOOP_ENVIRONMENT=development)\n")
        return 2
    if arguments.ttl > settings.jwt_max_lifetime_seconds:
        sys.stderr.write(f"--ttl is longer than COACHLOOP_JWT_MAX_LIFETIME_SECONDS ({settings.jwt_max_lifetime_seconds})\n")
        return 2
    token = mint_token(
        settings,
        subject=arguments.subject,
        roles=arguments.role,
        teams=arguments.team or [],
        ttl_seconds=arguments.ttl,
    )
    sys.stdout.write(token + "\n")
    return 0


def register(subcommands: argparse._SubParsersAction) -> None:
    token = subcommands.add_parser(
        "token",
        help="print a development bearer token (HS256, the configured secret)",
        description=f"Roles of the default policy: {', '.join(ROLES)}. Use as 'Authorization: Bearer <token>'.",
    )
    token.add_argument("--role", action="append", required=True, help="a role; repeat for several")
    token.add_argument("--subject", required=True, help="subject id; an agent's id for the agent role")
    token.add_argument("--team", action="append", help="a team the subject leads (managers); repeat for several")
    token.add_argument("--ttl", type=int, default=DEFAULT_TTL_SECONDS, help="lifetime in seconds (default 8 h)")
    token.set_defaults(handler=run_token)
