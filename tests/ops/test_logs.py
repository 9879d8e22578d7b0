"""Logs: JSON lines with the request's id, subject, operation and duration; Casbin's policy dump only at DEBUG."""

import json
import logging
from collections.abc import Callable

import pytest

from server.app import create_app
from server.config import Settings
from server.ops.logs import configure_logging
from tests.ops.support import serve


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def test_the_access_line_names_request_subject_operation_and_duration(
    settings: Settings, auth_headers: Callable[..., dict[str, str]],
    capsys: pytest.CaptureFixture[str], restore_logging: None,
) -> None:
    configure_logging(settings.model_copy(update={"log_format": "json", "log_level": "INFO"}))
    async with serve(create_app(settings)) as client:
        response = await client.post(
            "/graphql",
            json={"query": "query TeamsPage { serviceInfo { demo } }"},
            headers={**auth_headers(subject="u-lead-7"), "x-request-id": "req-42"},
        )
        generated = await client.get("/healthz", headers={"x-request-id": "not a valid id!"})
    lines = json_lines(capsys.readouterr().err)
    assert response.headers["x-request-id"] == "req-42"
    assert len(generated.headers["x-request-id"]) == 32
    access = [line for line in lines if line["logger"] == "coachloop.access" and line.get("path") == "/graphql"]
    assert len(access) == 1
    assert {key: access[0][key] for key in ("level", "method", "path", "status", "request_id", "subject", "operation")} == {
        "level": "INFO", "method": "POST", "path": "/graphql", "status": 200,
        "request_id": "req-42", "subject": "u-lead-7", "operation": "TeamsPage",
    }
    assert access[0]["duration_ms"] >= 0
    assert access[0]["message"].startswith("POST /graphql 200 ")
    assert access[0]["time"].endswith("Z")


@pytest.fixture
def casbin_loggers_enabled() -> None:
    """Casbin disables its loggers once it built an enforcer: enabled again, the next app's load is a first load."""
    for name in ("casbin.policy", "casbin.role", "casbin.enforcer"):
        logging.getLogger(name).disabled = False


@pytest.mark.parametrize(("level", "casbin_levels"), [("INFO", set()), ("DEBUG", {"DEBUG"})])
async def test_casbin_dumps_its_policy_only_at_debug(
    settings: Settings, capsys: pytest.CaptureFixture[str], restore_logging: None, casbin_loggers_enabled: None,
    level: str, casbin_levels: set[str],
) -> None:
    configure_logging(settings.model_copy(update={"log_format": "json", "log_level": level}))
    async with serve(create_app(settings)) as client:
        await client.get("/healthz")
    lines = json_lines(capsys.readouterr().err)
    assert {line["level"] for line in lines if line["logger"].startswith("casbin.")} == casbin_levels


def test_text_format_keeps_the_request_fields(capsys: pytest.CaptureFixture[str], restore_logging: None) -> None:
    configure_logging(Settings(log_format="text", log_level="INFO"))
    logging.getLogger("coachloop.access").info("GET /healthz 200", extra={"status": 200, "request_id": "req-1"})
    line = capsys.readouterr().err.strip()
    assert line.endswith("INFO coachloop.access: GET /healthz 200 [status=200 request_id=req-1]")
