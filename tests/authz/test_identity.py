"""Bearer tokens: HS256 for development, RS256 (PEM or JWKS) with issuer and audience for single sign-on."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from server.authz.identity import Principal, TokenVerifier, check_production_settings, mint_token
from server.config import Settings
from server.errors import ErrorCode, Unauthenticated

NOW = time.time()
"""Collection time; tokens made from it are valid for a day."""


def _settings(**overrides: object) -> Settings:
    return Settings(database_url="sqlite://", **overrides)


async def test_minted_token_carries_subject_roles_and_teams() -> None:
    settings = _settings()
    token = mint_token(settings, subject="u-mgr", roles=["manager"], teams=["t-east", "t-west"])
    principal = await TokenVerifier(settings).verify_header(f"Bearer {token}")
    assert principal == Principal("u-mgr", frozenset({"manager"}), frozenset({"t-east", "t-west"}))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing bearer token"),
        ("", "missing bearer token"),
        ("Basic dXNlcjpwYXNz", "expected an Authorization: Bearer token"),
        ("Bearer not-a-jwt", "invalid token"),
        ("Bearer " + jwt.encode({"sub": "x", "exp": NOW + 86400}, "another-secret", algorithm="HS256"), "invalid token"),
        ("Bearer " + jwt.encode({"sub": "x"}, Settings().jwt_secret, algorithm="HS256"), "invalid token"),
        ("Bearer " + jwt.encode({"sub": "x", "exp": NOW + 86400}, Settings().jwt_secret, algorithm="HS512"), "invalid token"),
        ("Bearer " + jwt.encode({"sub": "x", "roles": "admin", "exp": NOW + 86400}, Settings().jwt_secret), "token roles must be a list of strings"),
    ],
    ids=["absent", "empty", "basic", "garbage", "bad-signature", "no-expiry", "other-algorithm", "roles-not-list"],
)
async def test_bad_headers_are_unauthenticated(header: str | None, message: str) -> None:
    with pytest.raises(Unauthenticated) as raised:
        await TokenVerifier(_settings()).verify_header(header)
    assert (raised.value.code, raised.value.message) == (ErrorCode.UNAUTHENTICATED, message)


async def test_expired_token_is_unauthenticated_beyond_the_leeway() -> None:
    settings = _settings(jwt_leeway_seconds=30)
    now = time.time()
    expired = mint_token(settings, subject="a1", roles=["agent"], ttl_seconds=60, now=now - 91)
    within_leeway = mint_token(settings, subject="a1", roles=["agent"], ttl_seconds=60, now=now - 80)
    verifier = TokenVerifier(settings)
    with pytest.raises(Unauthenticated, match="token expired"):
        await verifier.verify(expired)
    assert (await verifier.verify(within_leeway)).subject == "a1"


@pytest.mark.parametrize(
    ("claims", "accepted"),
    [
        ({"iat": int(NOW), "exp": int(NOW) + 86400}, True),
        ({"iat": int(NOW), "exp": int(NOW) + 86400 + 30}, True),
        ({"iat": int(NOW), "exp": int(NOW) + 86400 + 31}, False),
        ({"iat": int(NOW), "exp": int(NOW) + 10 * 365 * 86400}, False),
        ({"iat": int(NOW) - 86000, "exp": int(NOW) + 3600}, False),
        ({"exp": int(NOW) + 10 * 365 * 86400}, False),
    ],
    ids=["a-day", "a-day-within-leeway", "a-day-past-leeway", "ten-years", "issued-long-before", "ten-years-no-iat"],
)
async def test_tokens_living_longer_than_the_maximum_are_unauthenticated(claims: dict, accepted: bool) -> None:
    settings = _settings(jwt_max_lifetime_seconds=86400, jwt_leeway_seconds=30)
    token = jwt.encode({"sub": "a1", "roles": ["agent"], **claims}, settings.jwt_secret, algorithm="HS256")
    verifier = TokenVerifier(settings)
    if accepted:
        assert (await verifier.verify(token)).subject == "a1"
        return
    with pytest.raises(Unauthenticated) as refused:
        await verifier.verify(token)
    assert (refused.value.code, refused.value.message) == (ErrorCode.UNAUTHENTICATED, "token lifetime exceeds the maximum")


async def test_issuer_and_audience_are_checked_when_configured() -> None:
    settings = _settings(jwt_issuer="https://sso.example.com", jwt_audience="coachloop")
    good = mint_token(settings, subject="u1", roles=["hr"])
    foreign = jwt.encode(
        {"sub": "u1", "roles": ["hr"], "exp": NOW + 86400, "iss": "https://evil.example.com", "aud": "coachloop"},
        settings.jwt_secret,
    )
    other_audience = jwt.encode(
        {"sub": "u1", "roles": ["hr"], "exp": NOW + 86400, "iss": "https://sso.example.com", "aud": "other"},
        settings.jwt_secret,
    )
    unscoped = mint_token(_settings(), subject="u1", roles=["hr"])
    verifier = TokenVerifier(settings)
    assert (await verifier.verify(good)).roles == frozenset({"hr"})
    for token in (foreign, other_audience, unscoped):
        with pytest.raises(Unauthenticated, match="invalid token"):
            await verifier.verify(token)


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _public_pem(key: rsa.RSAPrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _sso_token(key: rsa.RSAPrivateKey, **claims: object) -> str:
    body = {"sub": "u-sso", "roles": ["manager"], "teams": ["t-east"], "exp": time.time() + 300,
            "iss": "https://sso.example.com", "aud": "coachloop", **claims}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "key-1"})


async def test_rs256_with_a_pem_public_key(rsa_key: rsa.RSAPrivateKey) -> None:
    settings = _settings(jwt_algorithm="RS256", jwt_public_key=_public_pem(rsa_key),
                         jwt_issuer="https://sso.example.com", jwt_audience="coachloop")
    verifier = TokenVerifier(settings)
    principal = await verifier.verify(_sso_token(rsa_key))
    assert principal == Principal("u-sso", frozenset({"manager"}), frozenset({"t-east"}))
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(Unauthenticated, match="invalid token"):
        await verifier.verify(_sso_token(other_key))
    hs256_with_public_key = jwt.encode({"sub": "x", "exp": NOW + 86400}, "guess", algorithm="HS256")
    with pytest.raises(Unauthenticated, match="invalid token"):
        await verifier.verify(hs256_with_public_key)


@pytest.fixture
def jwks_url(rsa_key: rsa.RSAPrivateKey) -> Iterator[str]:
    """A local identity provider serving its JWKS."""
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "key-1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server API)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()
    thread.join()


async def test_rs256_with_a_jwks_url(rsa_key: rsa.RSAPrivateKey, jwks_url: str) -> None:
    settings = _settings(jwt_algorithm="RS256", jwt_jwks_url=jwks_url,
                         jwt_issuer="https://sso.example.com", jwt_audience="coachloop")
    verifier = TokenVerifier(settings)
    assert (await verifier.verify(_sso_token(rsa_key))).subject == "u-sso"
    with pytest.raises(Unauthenticated, match="token expired"):
        await verifier.verify(_sso_token(rsa_key, exp=time.time() - 3600))
    with pytest.raises(Unauthenticated, match="invalid token"):
        await verifier.verify(_sso_token(rsa_key, aud="someone-else"))


KEY = {"pseudonym_key": "a-real-pseudonym-key"}


@pytest.mark.parametrize(
    ("overrides", "refused"),
    [
        ({"environment": "development"}, None),
        ({"environment": "production", **KEY}, "COACHLOOP_JWT_SECRET must be set outside development"),
        ({"environment": "production", "jwt_secret": "a-real-secret", **KEY}, None),
        ({"environment": "production", "jwt_algorithm": "RS256", **KEY}, "RS256 needs COACHLOOP_JWT_JWKS_URL or COACHLOOP_JWT_PUBLIC_KEY"),
        ({"environment": "production", "jwt_algorithm": "RS256", "jwt_jwks_url": "https://sso.example.com/jwks", **KEY}, None),
        ({"environment": "production", "jwt_secret": "a-real-secret"}, "COACHLOOP_PSEUDONYM_KEY must be set outside development"),
        (
            {"environment": "production", "jwt_algorithm": "RS256", "jwt_jwks_url": "https://sso.example.com/jwks"},
            "COACHLOOP_PSEUDONYM_KEY must be set outside development",
        ),
    ],
    ids=["development", "default-secret", "secret", "rs256-no-key", "rs256", "default-pseudonym-key", "rs256-default-pseudonym-key"],
)
def test_production_refuses_the_development_secret_and_pseudonym_key(overrides: dict, refused: str | None) -> None:
    settings = _settings(**overrides)
    if refused is None:
        check_production_settings(settings)
        return
    with pytest.raises(RuntimeError) as refusal:
        check_production_settings(settings)
    assert str(refusal.value) == refused
