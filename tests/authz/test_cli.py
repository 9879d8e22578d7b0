"""``coachloop token`` mints a development token the API accepts."""

import time

import jwt
import pytest

from server.authz.identity import Principal, TokenVerifier
from server.cli import main
from server.config import get_settings


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """get_settings() re-read from the environment this test sets."""
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


async def test_token_command_mints_a_verifiable_token(fresh_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    fresh_settings.setenv("COACHLOOP_ENVIRONMENT", "development")
    started = int(time.time())
    code = main(["token", "--role", "manager", "--role", "qa_reviewer", "--subject", "u-lead", "--team", "t-east", "--team", "t-west", "--ttl", "120"])
    token = capsys.readouterr().out.strip()
    principal = await TokenVerifier(get_settings()).verify(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert code == 0
    assert principal == Principal("u-lead", frozenset({"manager", "qa_reviewer"}), frozenset({"t-east", "t-west"}))
    assert claims["exp"] - claims["iat"] == 120
    assert started <= claims["iat"] <= int(time.time())


def test_token_command_refuses_outside_development(fresh_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    fresh_settings.setenv("COACHLOOP_ENVIRONMENT", "production")
    code = main(["token", "--role", "admin", "--subject", "u1"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert "development" in captured.err


def test_token_command_refuses_a_lifetime_over_the_maximum(fresh_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    fresh_settings.setenv("COACHLOOP_ENVIRONMENT", "development")
    fresh_settings.setenv("COACHLOOP_JWT_MAX_LIFETIME_SECONDS", "3600")
    code = main(["token", "--role", "admin", "--subject", "u1", "--ttl", "3601"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == "--ttl is longer than COACHLOOP_JWT_MAX_LIFETIME_SECONDS (3600)\n"
