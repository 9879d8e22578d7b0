"""``coachloop api`` as a process: JSON log lines from the app and uvicorn alike, and exit 0 after SIGTERM."""

import json
import signal
from pathlib import Path

import httpx

from tests.ops.support import API_WAIT_S, running_api


def test_the_api_logs_json_lines_and_exits_0_on_sigterm(database_url: str, tmp_path: Path) -> None:
    with running_api(database_url, tmp_path, {"COACHLOOP_LOG_FORMAT": "json", "COACHLOOP_LOG_LEVEL": "INFO"}) as api:
        response = httpx.post(
            api.graphql, json={"query": "query Version { serviceInfo { demo } }"},
            headers={"authorization": f"Bearer {api.token(subject='ops-reader')}", "x-request-id": "api-process-1"},
            timeout=10.0,
        )
        assert response.json()["data"] == {"serviceInfo": {"demo": False}}
        api.process.send_signal(signal.SIGTERM)
        code = api.process.wait(timeout=API_WAIT_S)
    log = api.log
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    loggers = {line["logger"] for line in lines}
    access = [line for line in lines if line["logger"] == "coachloop.access"]
    assert code == 0
    assert {"uvicorn.error", "coachloop.access"} <= loggers
    assert not any(name.startswith("casbin.") for name in loggers)
    assert [(line["path"], line["status"], line["subject"], line["operation"]) for line in access] == [
        ("/graphql", 200, "ops-reader", "Version")
    ]
    assert access[0]["request_id"] == "api-process-1"
