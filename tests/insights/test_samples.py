"""Per-item samples read from the engine's facts: hand-listed values, and means equal to the engine's metrics."""

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.errors import BadUserInput
from server.insights.methods import comparable_metric_keys
from server.metrics.samples import metric_samples
from server.metrics.definitions import METRICS
from server.metrics.query import compute_metrics
from server.metrics.request import MetricScope, MetricsRequest
from tests.insights.scenario import scenario
from tests.metrics.factory import BASE
from tests.metrics.helpers import ingest

EVERY_SAMPLE = {
    "first_response_avg_s": [10, 30, 40],
    "response_avg_s": [10, 30, 40, 60, 60],
    "handle_avg_s": [90, 200, 360, 485],
    "queue_wait_avg_s": [10, 10, 30, 100],
    "service_level": [0, 0, 1, 1, 1],
    "abandon_rate": [0, 0, 0, 0, 1],
    "transfer_rate": [0, 0, 0, 1],
    "transfer_transit_avg_s": [10, 30],
    "fcr_rate": [0, 0, 1, 1],
    "repeat_rate": [0, 0, 0, 1],
    "kb_hit_rate": [0, 1, 1],
    "kb_time_to_hit_avg_s": [15, 30],
    "self_service_rate": [0, 0, 0, 0, 0, 1],
    "csat_avg": [2, 4, 5],
    "csat_top2_rate": [0, 1, 1],
    "nps": [-100, 0, 100],
}


async def _samples(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, scope: MetricScope | None = None, **request: object
) -> dict[str, list[float]]:
    async with transaction(sessionmaker) as session:
        found = await metric_samples(session, MetricsRequest.of(**request), settings=settings, scope=scope)
    return {key: sorted(values.tolist()) for key, values in found.items()}


async def test_every_sample_of_the_whole_range(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, scenario().items)
    assert await _samples(sessionmaker, settings, metrics=comparable_metric_keys(METRICS)) == EVERY_SAMPLE


async def test_samples_average_to_the_engine_values(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, scenario().items)
    keys = comparable_metric_keys(METRICS)
    for request in ({}, {"agent_ids": ["a1"]}, {"team_ids": ["t2"]}, {"categories": ["billing"]}):
        samples = await _samples(sessionmaker, settings, metrics=keys, **request)
        async with transaction(sessionmaker) as session:
            (row,) = await compute_metrics(session, MetricsRequest.of(metrics=keys, **request), settings=settings)
        for key in keys:
            value = row.values[key]
            assert len(samples[key]) == value.sample_size, (request, key)
            expected = None if not samples[key] else pytest.approx(sum(samples[key]) / len(samples[key]), rel=1e-12)
            assert value.value == expected, (request, key)


async def test_samples_follow_attribution_filters_and_scope(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, scenario().items)
    keys = ["first_response_avg_s", "response_avg_s", "handle_avg_s", "abandon_rate", "kb_hit_rate"]
    mine = await _samples(sessionmaker, settings, metrics=keys, agent_ids=["a1"])
    assert mine == {
        "first_response_avg_s": [10, 30], "response_avg_s": [10, 30, 60], "handle_avg_s": [360, 485],
        "abandon_rate": [], "kb_hit_rate": [1, 1],
    }
    scoped = await _samples(sessionmaker, settings, MetricScope(team_ids=frozenset({"t2"})), metrics=keys)
    assert scoped == {
        "first_response_avg_s": [40], "response_avg_s": [40], "handle_avg_s": [90, 200],
        "abandon_rate": [], "kb_hit_rate": [0],
    }
    ranged = await _samples(sessionmaker, settings, metrics=["handle_avg_s"], from_=BASE + timedelta(seconds=1000))
    assert ranged == {"handle_avg_s": [90, 200, 485]}  # starts at or after 1000 s


async def test_counts_and_percentiles_have_no_samples(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    with pytest.raises(BadUserInput):
        await _samples(sessionmaker, settings, metrics=["first_response_p90_s"])
