"""Every metric key on the hand-computed morning (tests/metrics/scenario.py), from both read paths."""

from datetime import date, datetime

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.metrics.request import MetricScope
from tests.metrics.helpers import configure, ingest, metric_records
from tests.metrics.scenario import BY_AGENT, BY_CHANNEL, BY_TEAM, TOTAL, morning, row


@pytest.fixture
async def seeded(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> async_sessionmaker[AsyncSession]:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, morning().items, batch_size=7)
    return sessionmaker


EXPECTED = {"total": ([], [TOTAL]), "agent": (["agent"], BY_AGENT), "team": (["team"], BY_TEAM), "channel": (["channel"], BY_CHANNEL)}


async def test_every_key_by_hand(seeded: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    for name, (group_by, expected) in EXPECTED.items():
        for from_facts in (False, True):
            assert await metric_records(seeded, settings, group_by=group_by, from_facts=from_facts) == expected, (name, from_facts)


async def test_day_and_range_filters(seeded: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    # Everything starts on Monday 2026-03-02 (Shanghai); the late team upsert is no fact.
    assert await metric_records(seeded, settings, group_by=["day"]) == [{"bucket": "2026-03-02", **TOTAL}]
    assert await metric_records(seeded, settings, group_by=["week"]) == [{"bucket": "2026-03-02", **TOTAL}]
    assert await metric_records(seeded, settings, from_=date(2026, 3, 2), to=date(2026, 3, 3)) == [TOTAL]
    assert await metric_records(seeded, settings, from_=date(2026, 3, 3)) == [row()]
    # From 11:00 local (naive) = 7200 s: c6 (8000) and c7 (9000); c5 started at 7000 s.
    later = await metric_records(seeded, settings, from_=datetime(2026, 3, 2, 11, 0), metrics=["conversations", "kb_hit_rate"])
    assert later == [{"conversations": 2, "kb_hit_rate": 0.0}]  # c6, c7; search s4 at 8050 s
    # The same instant written with an offset.
    aware = await metric_records(seeded, settings, from_=datetime.fromisoformat("2026-03-02T03:00:00+00:00"),
                                 metrics=["conversations"])
    assert aware == [{"conversations": 2}]


async def test_only_conversations_with_a_final_agent_count_in_agent_groupings(
    seeded: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    # Filtering by team behaves like grouping by it: abandon and self-service are null, c4 c5 c6 do not
    # count. Service level: c1 c3 met, c2 not (c7 was never queued; c4 and c6 have no final agent).
    rows = await metric_records(seeded, settings, team_ids=["t1", "t2"], metrics=["conversations", "service_level",
                                                                                    "abandon_rate", "self_service_rate"])
    assert rows == [{"conversations": 4, "service_level": 2 / 3, "abandon_rate": None, "self_service_rate": None}]


async def test_scope_limits_rows_to_the_allowed_agents_and_teams(seeded: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    scope = MetricScope(team_ids=frozenset({"t2"}))
    rows = await metric_records(seeded, settings, scope=scope, group_by=["agent"], metrics=["conversations", "response_avg_s"])
    assert rows == [{"agent_id": "a2", "conversations": 1, "response_avg_s": 15.0}]  # a2's reply in t1 (1100) is not t2's
    scope = MetricScope(agent_ids=frozenset({"a3"}), team_ids=frozenset({"t2"}))
    rows = await metric_records(seeded, settings, scope=scope, metrics=["conversations", "response_avg_s", "abandon_rate"])
    assert rows == [{"conversations": 1, "response_avg_s": 75 / 2, "abandon_rate": None}]  # c3; intervals 15 and 60


async def test_categories_and_labels_are_normalised(seeded: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    rows = await metric_records(seeded, settings, group_by=["category"], metrics=["conversations", "kb_hit_rate"])
    assert rows == [
        {"category": "billing", "conversations": 5, "kb_hit_rate": 1 / 2},
        {"category": "uncategorized", "conversations": 1, "kb_hit_rate": None},
        {"category": "退款", "conversations": 1, "kb_hit_rate": None},
    ]
    rows = await metric_records(seeded, settings, channels=[" PHONE "], metrics=["conversations"])
    assert rows == [{"conversations": 1}]
