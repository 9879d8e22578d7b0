"""Run one ingest entry point in a fresh interpreter and record the batch hooks it calls.

``python -m tests.kernel.hook_trace MODE EVENTS_FILE TRACE_FILE`` against the database
in ``COACHLOOP_DATABASE_URL``. Before the entry point runs, only the ingestion hook
module is imported (to record the calls); the entry point's own module is the first
thing imported after that, so no test import can have set the hooks up for it.

Every call of a batch hook appends its declared name to the trace; a deferred hook's
catch-up after a bulk import appends ``NAME:catch-up``.
"""

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from server.ingestion import hooks


class RecordingUpkeep:
    """A deferred upkeep that records its catch-up and otherwise does what the declared one does."""

    def __init__(self, upkeep: hooks.DeferredUpkeep, name: str, trace: list[str]) -> None:
        self.upkeep, self.name, self.trace = upkeep, name, trace

    async def begin(self, session: Any) -> Any:
        return await self.upkeep.begin(session)

    async def renew(self, session: Any, lease: Any) -> bool:
        return await self.upkeep.renew(session, lease)

    async def abandon(self, lease: Any) -> None:
        await self.upkeep.abandon(lease)

    async def release(self, lease: Any) -> None:
        await self.upkeep.release(lease)

    async def finish(self, session: Any, lease: Any, touched: Any) -> None:
        self.trace.append(f"{self.name}:catch-up")
        await self.upkeep.finish(session, lease, touched)


def _recording(declared: hooks.DeclaredHook, trace: list[str]) -> hooks.DeclaredHook:
    async def hook(session: Any, touched: hooks.TouchedKeys) -> None:
        trace.append(declared.name)
        await declared.hook(session, touched)

    upkeep = RecordingUpkeep(declared.upkeep, declared.name, trace) if declared.upkeep is not None else None
    return hooks.DeclaredHook(declared.name, hook, upkeep)


def record_hook_calls(trace: list[str]) -> None:
    """Wrap every declared hook (as the feature list declares it, read at call time) so its calls land in ``trace``."""
    resolve = hooks.declared_hooks
    wrapped: dict[object, hooks.DeclaredHook] = {}

    def recorded() -> tuple[hooks.DeclaredHook, ...]:
        return tuple(wrapped.setdefault(declared.hook, _recording(declared, trace)) for declared in resolve())

    hooks.declared_hooks = recorded


async def through_service(events: list[dict]) -> None:
    from server.ingestion.service import ingest_events  # the entry point, imported first

    from server.config import get_settings
    from server.db import create_engine, create_sessionmaker

    settings = get_settings()
    engine = create_engine(settings)
    try:
        await ingest_events(create_sessionmaker(engine), events, settings=settings)
    finally:
        await engine.dispose()


async def through_graphql(events: list[dict]) -> None:
    from server.app import create_app  # the entry point, imported first

    import httpx
    from server.authz.identity import mint_token
    from server.config import get_settings

    settings = get_settings()
    app = create_app(settings)
    token = mint_token(settings, subject="hook-trace", roles=["ingest"])
    query = "mutation($input: IngestEventsInput!) { ingestEvents(input: $input) { result { accepted rejected } userErrors { message } } }"
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://coachloop.test") as client:
            response = await client.post(
                "/graphql", json={"query": query, "variables": {"input": {"events": events}}}, headers={"Authorization": f"Bearer {token}"}
            )
    body = response.json()
    payload = (body.get("data") or {}).get("ingestEvents") or {}
    if body.get("errors") or payload.get("userErrors") or payload["result"]["accepted"] != len(events):
        raise SystemExit(f"ingestEvents failed: {body}")


async def through_demo_activity(_events: list[dict]) -> None:
    from workflows.demo.activities import DemoActivities  # the entry point, imported first

    from server.config import get_settings
    from server.db import create_engine, create_sessionmaker
    from temporalio.testing import ActivityEnvironment
    from workflows.demo.inputs import DemoBatchInput

    settings = get_settings()
    engine = create_engine(settings)
    try:
        activities = DemoActivities(create_sessionmaker(engine), settings)
        batch = DemoBatchInput(conversations=2, seed=7, batch_size=100_000, batch_index=0)
        result = await ActivityEnvironment().run(activities.load_batch, batch)
        if not result.last or result.accepted != result.events:
            raise SystemExit(f"demo batch not loaded whole: {result}")
    finally:
        await engine.dispose()


def through_cli(events_file: str) -> None:
    from server.cli import main  # the entry point

    status = main(["import", events_file])
    if status != 0:
        raise SystemExit(f"coachloop import exited with {status}")


def main(mode: str, events_file: str, trace_file: str) -> None:
    trace: list[str] = []
    record_hook_calls(trace)
    events = [json.loads(line) for line in Path(events_file).read_text(encoding="utf-8").splitlines() if line]
    runners = {"service": through_service, "graphql": through_graphql, "demo-activity": through_demo_activity}
    if mode == "cli":
        through_cli(events_file)
    else:
        asyncio.run(runners[mode](events))
    Path(trace_file).write_text(json.dumps(trace), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
