"""Edge cases through the real import: empty data, FCR window vs watermark, late events, zones, errors."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.ingestion.hooks import batch_hooks
from server.metrics.errors import MetricsErrorCode, MetricsRequestError
from server.metrics.query import compute_metrics
from server.metrics.request import MetricsRequest
from server.metrics.sync import sync_metrics
from tests.metrics.factory import Events
from tests.metrics.helpers import configure, ingest, metric_records, one_row
from tests.metrics.scenario import row

WEEK = 7 * 86_400


async def test_empty_data_gives_one_empty_row_without_grouping(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    assert await metric_records(sessionmaker, settings) == [row()]
    assert await metric_records(sessionmaker, settings, from_facts=True) == [row()]
    assert await metric_records(sessionmaker, settings, group_by=["agent", "day"]) == []


def handled_resolved(events: Events, conversation: str, start: int, **started: object) -> None:
    events.started(conversation, start, **started)
    events.queued(conversation, start + 1)
    events.assigned(conversation, start + 2, "a1")
    events.ended(conversation, start + 10, "resolved")


async def test_fcr_counts_once_the_window_closed_by_the_watermark(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    events = Events()
    handled_resolved(events, "c1", 0)          # ends at 10: window closes at 10 + 7 days
    await ingest(sessionmaker, settings, events.items)
    keys = ["handled", "fcr_rate", "repeat_rate"]
    assert await one_row(sessionmaker, settings, metrics=keys) == {"handled": 1, "fcr_rate": None, "repeat_rate": None}
    later = Events()
    later.agent("a9", "t1", at=WEEK + 9)      # watermark one second short
    await ingest(sessionmaker, settings, later.items)
    assert await one_row(sessionmaker, settings, metrics=keys) == {"handled": 1, "fcr_rate": None, "repeat_rate": None}
    later = Events()
    later.agent("a9", "t2", at=WEEK + 10)     # end + 7 days = watermark: closed
    await ingest(sessionmaker, settings, later.items)
    for from_facts in (False, True):
        found = await one_row(sessionmaker, settings, metrics=keys, from_facts=from_facts)
        assert found == {"handled": 1, "fcr_rate": 1.0, "repeat_rate": 0.0}


async def test_repeat_follows_the_later_conversations_current_category(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    keys = ["fcr_rate", "repeat_rate"]
    first = Events()
    handled_resolved(first, "c1", 0, customer="u1", category="billing")
    first.agent("a9", "t1", at=3 * WEEK)      # every window closed
    await ingest(sessionmaker, settings, first.items)
    assert await one_row(sessionmaker, settings, metrics=keys) == {"fcr_rate": 1.0, "repeat_rate": 0.0}
    second = Events()
    second.started("c2", 3600, customer="u1", category="退款")       # another subject: no repeat
    await ingest(sessionmaker, settings, second.items)
    # Two conversations now, c2 unhandled: the population is still c1 only.
    assert await one_row(sessionmaker, settings, metrics=keys) == {"fcr_rate": 1.0, "repeat_rate": 0.0}
    third = Events()
    third.categorized("c2", 3700, "billing")    # c2 is about billing after all: c1 is repeated
    await ingest(sessionmaker, settings, third.items)
    assert await one_row(sessionmaker, settings, metrics=keys) == {"fcr_rate": 0.0, "repeat_rate": 1.0}
    fourth = Events()
    fourth.categorized("c1", 50, "物流")        # c1 recategorised: no longer the same subject
    await ingest(sessionmaker, settings, fourth.items)
    assert await one_row(sessionmaker, settings, metrics=keys) == {"fcr_rate": 1.0, "repeat_rate": 0.0}


async def test_late_master_data_and_late_feedback_update_earlier_facts(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    events = Events()
    handled_resolved(events, "c1", 0)
    events.customer("c1", 3)
    events.agent_says("c1", 7, "a1")
    events.searched("s1", 5, "a1", "c1")
    await ingest(sessionmaker, settings, events.items)
    keys = ["conversations", "response_avg_s", "kb_hit_rate", "csat_avg"]
    assert await metric_records(sessionmaker, settings, group_by=["team"], metrics=keys) == [
        {"team_id": None, "conversations": 1, "response_avg_s": 4.0, "kb_hit_rate": 0.0, "csat_avg": None},
    ]
    late = Events()
    late.agent("a1", "t7", at=86_400)          # first upsert, a day later: its team applies before it too
    late.feedback("c1", 2 * 86_400, csat=2)
    late.opened("s1", 6, "a2")
    await ingest(sessionmaker, settings, late.items)
    for from_facts in (False, True):
        assert await metric_records(sessionmaker, settings, group_by=["team"], metrics=keys, from_facts=from_facts) == [
            {"team_id": "t7", "conversations": 1, "response_avg_s": 4.0, "kb_hit_rate": 1.0, "csat_avg": 2.0},
        ]


async def test_shanghai_buckets_across_midnight_and_weeks(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    events = Events()
    # Base is Monday 2026-03-02 09:00 +08:00. −32401 s is Sunday 03-01 23:59:59; −32400 s is Monday 00:00:00.
    events.started("sunday", -32_401)
    events.started("monday", -32_400)
    events.started("evening", 14 * 3600 + 1800)   # 23:30 Monday
    await ingest(sessionmaker, settings, events.items)
    keys = ["conversations"]
    assert await metric_records(sessionmaker, settings, group_by=["day"], metrics=keys) == [
        {"bucket": "2026-03-01", "conversations": 1}, {"bucket": "2026-03-02", "conversations": 2},
    ]
    assert await metric_records(sessionmaker, settings, group_by=["week"], metrics=keys) == [
        {"bucket": "2026-02-23", "conversations": 1}, {"bucket": "2026-03-02", "conversations": 2},
    ]
    assert await metric_records(sessionmaker, settings, group_by=["month"], metrics=keys) == [
        {"bucket": "2026-03-01", "conversations": 3},
    ]
    assert await metric_records(sessionmaker, settings, group_by=["hour"], metrics=keys) == [
        {"bucket": "2026-03-01T23:00:00+08:00", "conversations": 1},
        {"bucket": "2026-03-02T00:00:00+08:00", "conversations": 1},
        {"bucket": "2026-03-02T23:00:00+08:00", "conversations": 1},
    ]


async def test_daylight_saving_hours_and_a_zone_change_rebuilds_the_facts(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    # 2025-11-02 in New York: 01:30 EDT (05:30Z) and, an hour later, 01:30 EST (06:30Z).
    events = Events(base=datetime(2025, 11, 2, 5, 30, tzinfo=UTC))
    events.started("d1", 0)
    events.started("d2", 3600)
    await ingest(sessionmaker, settings, events.items)
    keys = ["conversations"]
    assert await metric_records(sessionmaker, settings, group_by=["hour"], metrics=keys) == [
        {"bucket": "2025-11-02T13:00:00+08:00", "conversations": 1},
        {"bucket": "2025-11-02T14:00:00+08:00", "conversations": 1},
    ]
    new_york = settings.model_copy(update={"timezone": "America/New_York"})
    assert await metric_records(sessionmaker, new_york, group_by=["hour"], metrics=keys) == [
        {"bucket": "2025-11-02T01:00:00-04:00", "conversations": 1},
        {"bucket": "2025-11-02T01:00:00-05:00", "conversations": 1},
    ]
    assert await metric_records(sessionmaker, new_york, group_by=["day"], metrics=keys) == [
        {"bucket": "2025-11-02", "conversations": 2},
    ]
    # Back in Shanghai, both are on the afternoon of 11-02.
    assert await metric_records(sessionmaker, settings, group_by=["day"], metrics=keys) == [
        {"bucket": "2025-11-02", "conversations": 2},
    ]


async def test_events_stored_without_the_hook_are_picked_up(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await configure(sessionmaker, settings)
    without_metrics = tuple(hook for hook in batch_hooks() if hook is not sync_metrics)
    monkeypatch.setattr("server.ingestion.pipeline.batch_hooks", lambda: without_metrics)
    events = Events()
    handled_resolved(events, "c1", 0)
    await ingest(sessionmaker, settings, events.items)
    assert await one_row(sessionmaker, settings, metrics=["handled"]) == {"handled": 1}


@pytest.mark.parametrize(
    ("request_fields", "code"),
    [
        ({"metrics": ["first_response_avg"]}, MetricsErrorCode.UNKNOWN_METRIC),
        ({"group_by": ["agent", "quarter"]}, MetricsErrorCode.UNKNOWN_DIMENSION),
        ({"group_by": ["day", "hour"]}, MetricsErrorCode.MULTIPLE_TIME_BUCKETS),
    ],
)
def test_bad_requests_are_refused_with_a_code(request_fields: dict, code: MetricsErrorCode) -> None:
    with pytest.raises(MetricsRequestError) as raised:
        MetricsRequest.of(**request_fields)
    assert raised.value.code is code


async def test_a_range_ending_before_it_starts_is_refused(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    request = MetricsRequest.of(from_=date(2026, 3, 3), to=date(2026, 3, 2))
    async with transaction(sessionmaker) as session:
        with pytest.raises(MetricsRequestError) as raised:
            await compute_metrics(session, request, settings=settings)
    assert raised.value.code is MetricsErrorCode.INVALID_RANGE
