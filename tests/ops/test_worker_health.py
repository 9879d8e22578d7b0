"""The worker's own health endpoint: ready only while Temporal and the database answer; waits for Temporal."""

import asyncio
import time
import uuid

import httpx
from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.ops.temporal_dev import find_binary
from tests.ops.support import free_port
from workflows.worker import run_worker

WAIT_S = 60.0


async def first_answer(client: httpx.AsyncClient, path: str) -> httpx.Response:
    """GET ``path`` once the endpoint listens (the worker task opens it right after it starts)."""
    deadline = time.monotonic() + WAIT_S
    while True:
        try:
            return await client.get(path)
        except httpx.ConnectError:
            assert time.monotonic() < deadline, f"nothing listens for {path}"
            await asyncio.sleep(0.05)


def worker_settings(settings: Settings, temporal_port: int, health_port: int) -> Settings:
    return settings.model_copy(update={
        "temporal_address": f"127.0.0.1:{temporal_port}",
        "temporal_task_queue": f"health-{uuid.uuid4().hex}",
        "worker_health_port": health_port,
    })


async def test_the_worker_waits_for_temporal_and_is_ready_only_once_it_answers(settings: Settings) -> None:
    temporal_port, health_port = free_port(), free_port()
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(worker_settings(settings, temporal_port, health_port), stop))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{health_port}", timeout=10.0) as client:
        alive = await first_answer(client, "/healthz")
        before = await client.get("/readyz")
        async with await WorkflowEnvironment.start_local(
            dev_server_existing_path=find_binary("temporal"), port=temporal_port, ui=False
        ):
            after = await client.get("/readyz")
            metrics = await client.get("/metrics")
            unknown = await client.get("/nothing-here")
            posted = await client.post("/readyz")
            assert not worker.done()
            stop.set()
            await asyncio.wait_for(worker, WAIT_S)
    assert (alive.status_code, alive.json()) == (200, {"status": "ok"})
    assert before.status_code == 503
    assert before.json() == {
        "status": "not ready",
        "checks": {"database": {"ok": True}, "temporal": {"ok": False, "error": "RuntimeError"}},
    }
    assert (after.status_code, after.json()) == (
        200, {"status": "ready", "checks": {"database": {"ok": True}, "temporal": {"ok": True}}}
    )
    assert (unknown.status_code, posted.status_code) == (404, 405)
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain; version=")
    assert "# TYPE coachloop_activity_executions_total counter" in metrics.text


async def test_a_worker_stopped_while_waiting_for_temporal_returns_without_error(settings: Settings) -> None:
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(worker_settings(settings, free_port(), 0), stop))
    await asyncio.sleep(0.5)
    assert not worker.done()
    stop.set()
    assert await asyncio.wait_for(worker, WAIT_S) is None


async def test_the_worker_is_not_ready_without_its_database(temporal_dev_address: str) -> None:
    health_port = free_port()
    unreachable = Settings(
        database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere",
        temporal_address=temporal_dev_address,
        temporal_task_queue=f"health-{uuid.uuid4().hex}",
        worker_health_port=health_port,
    )
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(unreachable, stop))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{health_port}", timeout=10.0) as client:
        await first_answer(client, "/healthz")
        response = await client.get("/readyz")
    stop.set()
    await asyncio.wait_for(worker, WAIT_S)
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "checks": {"database": {"ok": False, "error": "OperationalError"}, "temporal": {"ok": True}},
    }
