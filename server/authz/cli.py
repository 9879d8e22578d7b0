"""``coachloop token``: mint a development bearer token."""

import argparse
import sys

from server.authz.identity import mint_token
from server.config import get_settings



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
