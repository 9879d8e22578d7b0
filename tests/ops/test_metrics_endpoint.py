"""/metrics: GraphQL operations by name and type, errors by code, ingested events by outcome, facts upkeep time."""

import uuid
from collections.abc import Callable

import httpx
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.app import create_app
from server.config import Settings
from server.ingestion.service import ingest_events
from tests.ops.support import serve

TEAM = {"type": "team.upserted", "ts": "2026-09-01T09:00:00+08:00", "team_id": "team-1", "name": "一组"}


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of an exposition, keyed by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def scrape(client: httpx.AsyncClient) -> dict[tuple[str, frozenset], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return samples(response.text)


def delta(before: dict, after: dict, name: str, **labels: str) -> float:
    key = (name, frozenset(labels.items()))
    return after.get(key, 0.0) - before.get(key, 0.0)


async def test_operations_and_errors_are_counted_by_name_type_and_code(
    settings: Settings, auth_headers: Callable[..., dict[str, str]]
) -> None:
    name = f"ServiceInfo_{uuid.uuid4().hex[:8]}"
    named = {"query": f"query {name} {{ serviceInfo {{ demo }} }}"}
    async with serve(create_app(settings)) as client:
        before = await scrape(client)
        for _ in range(2):
            assert (await client.post("/graphql", json=named, headers=auth_headers())).status_code == 200
        await client.post("/graphql", json={"query": f"query {name} {{ noSuchField }}"}, headers=auth_headers())
        await client.post("/graphql", json={"query": "{ serviceInfo { demo } }"}, headers=auth_headers())
        refused = await client.post("/graphql", json=named)
        after = await scrape(client)
    assert refused.status_code == 401
    operations = "coachloop_graphql_operations_total"
    assert delta(before, after, operations, operation=name, type="query", outcome="ok") == 2
    assert delta(before, after, operations, operation=name, type="query", outcome="error") == 1
    assert delta(before, after, operations, operation="anonymous", type="query", outcome="ok") == 1
    assert delta(before, after, "coachloop_graphql_operation_duration_seconds_count", operation=name, type="query") == 3
    assert delta(before, after, "coachloop_graphql_errors_total", code="GRAPHQL_VALIDATION_FAILED") == 1
    assert delta(before, after, "coachloop_graphql_errors_total", code="UNAUTHENTICATED") == 1


async def test_ingested_events_are_counted_by_outcome_with_the_upkeep_of_each_batch(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    """Three batches of two: each holds an event to write, so the facts are kept up three times."""
    events = [
        {**TEAM, "id": "t-1"},
        {**TEAM, "id": "t-1"},
        {**TEAM, "id": "t-1", "name": "二组"},
        {**TEAM, "id": "t-2", "ts": "not a time"},
        {**TEAM, "id": "t-3", "team_id": "team-3"},
    ]
    async with serve(create_app(settings)) as client:
        before = await scrape(client)
        report = await ingest_events(sessionmaker, events, settings=settings, batch_size=2)
        after = await scrape(client)
    assert (report.accepted, report.duplicates, report.conflicts, report.rejected) == (2, 1, 1, 1)
    for outcome, count in {"accepted": 2, "duplicate": 1, "conflict": 1, "rejected": 1}.items():
        assert delta(before, after, "coachloop_ingest_events_total", outcome=outcome) == count
    assert delta(before, after, "coachloop_facts_upkeep_duration_seconds_count", step="batch") == 3
