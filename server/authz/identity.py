"""Who is calling: bearer JWTs verified into a Principal (HS256 for development, RS256 for SSO)."""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import jwt

from server.config import DEVELOPMENT_JWT_SECRET, DEVELOPMENT_PSEUDONYM_KEY, Settings
from server.authz.roles import ROLES  # the roles of the default policy; an administrator may add more at run time
from server.errors import Unauthenticated

__all__ = ["ROLES", "Principal", "TokenVerifier", "mint_token"]


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: subject id (an agent id for agents), roles and the teams it leads."""

    subject: str
    roles: frozenset[str]
    teams: frozenset[str] = frozenset()
    expires_at: float | None = field(default=None, compare=False)
    """The token's ``exp`` (seconds since the epoch); a WebSocket connection checks it before each operation."""

def principal_from_claims(claims: dict[str, Any]) -> Principal:
    """The principal a verified token describes; malformed claims are UNAUTHENTICATED."""
    subject = claims.get("sub")
    roles = claims.get("roles", [])
    teams = claims.get("teams", [])
    if not isinstance(subject, str) or not subject:
        raise Unauthenticated("token has no subject")
    if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
        raise Unauthenticated("token roles must be a list of strings")
    if not isinstance(teams, list) or not all(isinstance(team, str) for team in teams):
        raise Unauthenticated("token teams must be a list of strings")
    expires_at = claims.get("exp")
    return Principal(
        subject=subject, roles=frozenset(roles), teams=frozenset(teams),
        expires_at=float(expires_at) if isinstance(expires_at, int | float) else None,
    )


def check_production_settings(settings: Settings) -> None:
    """Refuse to serve outside development with the published development secret or pseudonym key."""
    if settings.is_development:
        return
    if settings.pseudonym_key == DEVELOPMENT_PSEUDONYM_KEY:
        raise RuntimeError("COACHLOOP_PSEUDONYM_KEY must be set outside development")
    if settings.jwt_algorithm == "HS256" and settings.jwt_secret == DEVELOPMENT_JWT_SECRET:
        raise RuntimeError("COACHLOOP_JWT_SECRET must be set outside development")
    if settings.jwt_algorithm == "RS256" and not (settings.jwt_jwks_url or settings.jwt_public_key):
        raise RuntimeError("RS256 needs COACHLOOP_JWT_JWKS_URL or COACHLOOP_JWT_PUBLIC_KEY")


class TokenVerifier:
    """Verifies bearer tokens with the configured algorithm, key, issuer and audience."""

    def __init__(self, settings: Settings) -> None:
        if settings.jwt_algorithm not in ("HS256", "RS256"):
            raise ValueError(f"unsupported JWT algorithm {settings.jwt_algorithm!r}")
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url, cache_keys=True) if settings.jwt_jwks_url else None

    async def _key(self, token: str) -> Any:
        if self.settings.jwt_algorithm == "HS256":
            return self.settings.jwt_secret
        if self._jwks is not None:
            signing_key = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
            return signing_key.key
        return self.settings.jwt_public_key

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; anything else raises Unauthenticated."""
        settings = self.settings
        required = ["exp", "sub"] + (["iss"] if settings.jwt_issuer else []) + (["aud"] if settings.jwt_audience else [])
        try:
            claims = jwt.decode(
                token,
                key=await self._key(token),
                algorithms=[settings.jwt_algorithm],
                issuer=settings.jwt_issuer or None,
                audience=settings.jwt_audience or None,
                leeway=settings.jwt_leeway_seconds,
                options={"require": required, "verify_aud": bool(settings.jwt_audience)},
            )
        except jwt.ExpiredSignatureError as error:
            raise Unauthenticated("token expired") from error
        except (jwt.PyJWTError, ValueError) as error:
            raise Unauthenticated("invalid token") from error
        self._check_lifetime(claims)
        return principal_from_claims(claims)

    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        """A token valid for longer than ``jwt_max_lifetime_seconds`` is refused, however well signed."""
        issued = claims.get("iat")
        start = issued if isinstance(issued, int | float) else time.time()
        if claims["exp"] - start > self.settings.jwt_max_lifetime_seconds + self.settings.jwt_leeway_seconds:
            raise Unauthenticated("token lifetime exceeds the maximum")

    async def verify_header(self, authorization: str | None) -> Principal:
        """The principal of an ``Authorization: Bearer …`` header value."""
        if not authorization:
            raise Unauthenticated("missing bearer token")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("expected an Authorization: Bearer token")
        return await self.verify(token.strip())


def mint_token(
    settings: Settings,
    *,
    subject: str,
    roles: list[str],
    teams: list[str] | None = None,
    ttl_seconds: int = 8 * 3600,
    now: float | None = None,
) -> str:
    """An HS256 token signed with the configured secret (development and tests)."""
    issued = int(now if now is not None else time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "roles": list(roles),
        "teams": list(teams or []),
        "iat": issued,
        "exp": issued + ttl_seconds,
    }
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
