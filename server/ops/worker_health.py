"""The worker's health endpoint (``COACHLOOP_WORKER_HEALTH_PORT``): ready only when Temporal and the database answer; metrics."""

import asyncio

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine

from server.config import Settings
from server.ops.health import check_database, check_temporal, readiness
from server.ops.health_http import Reply, Route, start_http_endpoint
from server.kernel.telemetry import exposition
from workflows.client import LazyTemporalClient

WORKER_REQUIRES = ("database", "temporal")
"""A worker without Temporal polls nothing, and its activities write to the database: both are required."""

JSON = "application/json"


def worker_health_routes(engine: AsyncEngine, temporal: LazyTemporalClient) -> dict[str, Route]:
    """``/healthz`` (the process answers), ``/readyz`` (database and Temporal answer) and ``/metrics``."""

    async def healthz() -> Reply:
        return 200, JSON, orjson.dumps({"status": "ok"})

    async def readyz() -> Reply:
        database, reachable = await asyncio.gather(check_database(engine), check_temporal(temporal))
        status_code, body = readiness({"database": database, "temporal": reachable}, required=WORKER_REQUIRES)
        return status_code, JSON, orjson.dumps(body)

    async def metrics() -> Reply:
        body, content_type = exposition()
        return 200, content_type, body

    return {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


async def start_worker_health(
    settings: Settings, engine: AsyncEngine, temporal: LazyTemporalClient
) -> asyncio.Server | None:
    """The worker's health endpoint on ``COACHLOOP_HOST:COACHLOOP_WORKER_HEALTH_PORT``; None when the port is 0."""
    if not settings.worker_health_port:
        return None
    routes = worker_health_routes(engine, temporal)
    return await start_http_endpoint(settings.host, settings.worker_health_port, routes)
