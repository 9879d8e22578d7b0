"""Two APIs and two workers on PostgreSQL and one Temporal server, as separate processes.

Reads and writes spread over both APIs agree; a worker killed while it runs the demo
load is replaced by the other, and the load completes with every event stored once.
"""

import asyncio
import math
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from server.authz.identity import mint_token
from server.config import Settings
from server.demo.generator import generate_events
from server.ingestion.timestamps import parse_timestamp
from server.timefmt import format_instant
from tests.conftest import StorageTemplates
from tests.ops.support import free_port, stored_event_count, try_get
from workflows.demo.inputs import LoadDemoDataInput
from workflows.demo.workflows import LoadDemoDataWorkflow

pytestmark = pytest.mark.slow

CONVERSATIONS, SEED, BATCH_SIZE = 300, 7, 250
JWT_SECRET = "replica-test-secret-of-at-least-32-bytes"
WAIT_S = 240.0
READ = (
    "{ serviceInfo { watermark } teams { externalId name } "
    "metrics(groupBy: [CHANNEL], metrics: [CONVERSATIONS, HANDLED]) { channel values { key value sampleSize } } }"
)


@dataclass
class Service:
    """One ``coachloop api`` or ``coachloop worker`` process and the port its health answers on."""

    name: str
    process: subprocess.Popen
    port: int
    log: Path

    def get(self, path: str) -> httpx.Response | None:
        return try_get(f"http://127.0.0.1:{self.port}{path}")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + WAIT_S
        while (response := self.get("/readyz")) is None or response.json().get("status") != "ready":
            assert self.process.poll() is None, f"{self.name} exited:\n{self.log.read_text()}"
            assert time.monotonic() < deadline, f"{self.name} never became ready:\n{self.log.read_text()}"
            time.sleep(0.2)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=WAIT_S)


@pytest.fixture
def postgres_url(storage_templates: StorageTemplates) -> Iterator[str]:
    url = storage_templates.fresh("postgresql")
    yield url
    storage_templates.release(url)


class Deployment:
    """Starts ``coachloop api`` / ``coachloop worker`` processes against one database, Temporal server and task queue."""

    def __init__(self, database_url: str, temporal_address: str, folder: Path) -> None:
        self.database_url = database_url
        self.temporal_address = temporal_address
        self.folder = folder
        self.task_queue = f"replicas-{uuid.uuid4().hex}"
        self.started: list[Service] = []

    def start(self, name: str, command: str) -> Service:
        port = free_port()
        environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
        environment.update({
            "COACHLOOP_DATABASE_URL": self.database_url, "COACHLOOP_TEMPORAL_ADDRESS": self.temporal_address,
            "COACHLOOP_TEMPORAL_TASK_QUEUE": self.task_queue, "COACHLOOP_JWT_SECRET": JWT_SECRET,
            "COACHLOOP_DEMO": "0", "COACHLOOP_TIMEZONE": "UTC",
            "COACHLOOP_PORT" if command == "api" else "COACHLOOP_WORKER_HEALTH_PORT": str(port),
        })
        log = self.folder / f"{name}.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "server.cli", command], env=environment, stdout=sink, stderr=sink,
                start_new_session=True,
            )
        service = Service(name, process, port, log)
        self.started.append(service)
        return service

    def kill_all(self) -> None:
        for service in self.started:
            if service.process.poll() is None:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()


@pytest.fixture
def deployment(postgres_url: str, temporal_dev_address: str, tmp_path: Path) -> Iterator[Deployment]:
    started = Deployment(postgres_url, temporal_dev_address, tmp_path)
    yield started
    started.kill_all()


def graphql(api: Service, query: str, variables: dict | None = None) -> dict:
    token = mint_token(Settings(jwt_secret=JWT_SECRET), subject="replica-test", roles=["admin"])
    response = httpx.post(
        f"http://127.0.0.1:{api.port}/graphql", json={"query": query, "variables": variables or {}},
        headers={"authorization": f"Bearer {token}"}, timeout=60.0,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def test_two_apis_and_two_workers_share_the_work_and_survive_a_killed_worker(
    deployment: Deployment, postgres_url: str, temporal_dev_server: WorkflowEnvironment
) -> None:
    stream = list(generate_events(CONVERSATIONS, SEED))
    apis = [deployment.start("api-a", "api"), deployment.start("api-b", "api")]
    first_worker = deployment.start("worker-1", "worker")
    for service in (*apis, first_worker):
        await asyncio.to_thread(service.wait_ready)

    handle = await temporal_dev_server.client.start_workflow(
        LoadDemoDataWorkflow.run, LoadDemoDataInput(conversations=CONVERSATIONS, seed=SEED, batch_size=BATCH_SIZE),
        id=f"replicas-{uuid.uuid4().hex}", task_queue=deployment.task_queue,
    )
    deadline = time.monotonic() + WAIT_S
    while (await handle.query(LoadDemoDataWorkflow.progress)).batches < 2:
        assert time.monotonic() < deadline, first_worker.log.read_text()
        await asyncio.sleep(0.1)
    second_worker = deployment.start("worker-2", "worker")
    await asyncio.to_thread(second_worker.wait_ready)

    os.killpg(first_worker.process.pid, signal.SIGKILL)
    result = await asyncio.wait_for(handle.result(), WAIT_S)

    assert first_worker.process.wait(timeout=30) == -signal.SIGKILL
    assert (result.events, result.accepted + result.duplicates, result.batches) == (
        len(stream), len(stream), math.ceil(len(stream) / BATCH_SIZE)
    )
    assert stored_event_count(postgres_url) == len(stream)

    written = graphql(
        apis[0], "mutation Add($input: IngestEventsInput!) { ingestEvents(input: $input) { result { accepted duplicates } } }",
        {"input": {"events": [{"id": "replica-team", "type": "team.upserted", "ts": "2026-11-19T12:00:00Z",
                               "team_id": "team-replica", "name": "副本组"}]}},
    )
    assert written == {"ingestEvents": {"result": {"accepted": 1, "duplicates": 0}}}
    answers = [await asyncio.to_thread(graphql, api, READ) for api in (*apis, apis[1], apis[0])]
    watermark = max(parse_timestamp(event["ts"], None) for event in stream)
    assert answers[0]["serviceInfo"] == {"watermark": format_instant(max(watermark, parse_timestamp("2026-11-19T12:00:00Z", None)))}
    assert {"externalId": "team-replica", "name": "副本组"} in answers[1]["teams"]
    assert all(answer == answers[0] for answer in answers)
    assert sum(value["value"] for row in answers[0]["metrics"] for value in row["values"] if value["key"] == "CONVERSATIONS") == CONVERSATIONS

    codes = [service.stop() for service in (*apis, second_worker)]
    assert codes == [0, 0, 0]
