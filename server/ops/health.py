"""Readiness, per dependency: each check answers within ``CHECK_TIMEOUT_S`` or names its error.

A process declares which dependencies it *requires*: the API needs only its database
(reads keep serving while Temporal is away), the worker needs the database and Temporal.
A failing required check makes the process not ready (503); a failing optional one
leaves it ready but ``degraded`` (200), so an outage of one dependency does not take
every replica out of rotation. With the demo on, the API also says whether the demo
organisation is still loading (``demo``), which never makes it unready.
"""

import asyncio
from collections.abc import Collection, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import WorkflowExecutionStatus
from temporalio.service import RPCError, RPCStatusCode

from workflows.client import LazyTemporalClient
from workflows.demo.inputs import DEMO_WORKFLOW_ID

CHECK_TIMEOUT_S = 2.0

Check = dict[str, Any]
"""``{"ok": True}`` or ``{"ok": False, "error": "<exception class name>"}``."""


def failed(error: BaseException | str) -> Check:
    return {"ok": False, "error": error if isinstance(error, str) else type(error).__name__}


async def check_database(engine: AsyncEngine, timeout_s: float = CHECK_TIMEOUT_S) -> Check:
    """Whether the database answers ``SELECT 1`` within ``timeout_s``."""
    try:
        async with asyncio.timeout(timeout_s):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001  (reported, not raised)
        return failed(error)
    return {"ok": True}


async def check_temporal(temporal: LazyTemporalClient, timeout_s: float = CHECK_TIMEOUT_S) -> Check:
    """Whether the Temporal frontend answers a health check within ``timeout_s`` (connecting if needed)."""
    reachable, error = await temporal.reachable(timeout_s)
    return {"ok": True} if reachable else failed(error)


async def check_demo_load(temporal: LazyTemporalClient, timeout_s: float = CHECK_TIMEOUT_S) -> Check:
    """Whether the demo organisation is still loading (its workflow runs); never required."""
    try:
        client = await asyncio.wait_for(temporal.get(), timeout_s)
        description = await client.get_workflow_handle(DEMO_WORKFLOW_ID).describe(rpc_timeout=timedelta(seconds=timeout_s))
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            return {"ok": True, "loading": False}
        return failed(error)
    except Exception as error:  # noqa: BLE001  (reported, not raised)
        return failed(error)
    return {"ok": True, "loading": description.status is WorkflowExecutionStatus.RUNNING}


def readiness(checks: Mapping[str, Check], required: Collection[str]) -> tuple[int, dict[str, Any]]:
    """HTTP status and body: ``ready`` (200), ``degraded`` (200, an optional check failed) or ``not ready`` (503)."""
    failing = {name for name, check in checks.items() if not check["ok"]}
    if failing & set(required):
        status, code = "not ready", 503
    elif failing:
        status, code = "degraded", 200
    else:
        status, code = "ready", 200
    return code, {"status": status, "checks": dict(checks)}
