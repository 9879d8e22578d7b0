"""``coachloop api`` as a process: JSON log lines from the app and uvicorn alike, and exit 0 after SIGTERM."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from server.authz.identity import mint_token
from server.config import Settings
from tests.ops.support import free_port

WAIT_S = 60.0
JWT_SECRET = "api-process-test-secret-of-32-bytes!"


def test_the_api_logs_json_lines_and_exits_0_on_sigterm(database_url: str, tmp_path: Path) -> None:
    port = free_port()
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
    environment.update({
        "COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_PORT": str(port), "COACHLOOP_DEMO": "0",
        "COACHLOOP_TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}", "COACHLOOP_JWT_SECRET": JWT_SECRET,
        "COACHLOOP_LOG_FORMAT": "json", "COACHLOOP_LOG_LEVEL": "INFO",
    })
    log = tmp_path / "api.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "server.cli", "api"], env=environment, stdout=sink, stderr=sink)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT_S
        while True:
            assert process.poll() is None, log.read_text()
            try:
                httpx.get(f"{base}/healthz", timeout=2.0)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        token = mint_token(Settings(jwt_secret=JWT_SECRET), subject="ops-reader", roles=["admin"])
        response = httpx.post(
            f"{base}/graphql", json={"query": "query Version { serviceInfo { demo } }"},
            headers={"authorization": f"Bearer {token}", "x-request-id": "api-process-1"}, timeout=10.0,
        )
        assert response.json()["data"] == {"serviceInfo": {"demo": False}}
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=WAIT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
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
