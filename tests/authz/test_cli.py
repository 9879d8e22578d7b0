"""``coachloop token`` mints a development token the API accepts."""

import shlex
import time
from pathlib import Path

import jwt
import pytest

from server.authz.identity import ROLES, Principal, TokenVerifier
from server.demo.organisation import TEAMS, build_agents
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


def _documented_token_commands() -> list[list[str]]:
    """The ``coachloop token`` lines of policies/README.md's example block, as argument lists."""
    text = (Path(__file__).resolve().parents[2] / "policies" / "README.md").read_text()
    block = text.split("## Trying a role", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [shlex.split(line.split("#", 1)[0])[1:] for line in block.strip().splitlines()]


async def test_the_documented_role_tokens_work_for_the_demo(fresh_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    """Every role of the policy has an example; each mints a token for ids the demo organisation has."""
    fresh_settings.setenv("COACHLOOP_ENVIRONMENT", "development")
    roles_shown = set()
    demo_teams = {team.team_id for team in TEAMS}
    for arguments in _documented_token_commands():
        assert main(arguments) == 0
        principal = await TokenVerifier(get_settings()).verify(capsys.readouterr().out.strip())
        roles_shown |= principal.roles
        assert principal.teams <= demo_teams
        if "agent" in principal.roles:
            assert principal.subject in {agent.agent_id for agent in build_agents()}
    assert roles_shown == set(ROLES)
