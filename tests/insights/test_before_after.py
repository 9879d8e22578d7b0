"""Before/after for one agent: the right samples reach the right test, and too little data says so."""

from datetime import date

import pytest
from scipy import stats
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.errors import BadUserInput
from server.insights.before_after import BeforeAfter, before_after
from server.insights.periods import Period
from server.insights.results import StatisticalTest, TestPolicy, Verdict
from server.metrics.request import MetricsRequest
from tests.insights.builders import DAY, handled
from tests.metrics.factory import Events
from tests.metrics.helpers import ingest

BEFORE = Period(date(2026, 3, 2), date(2026, 3, 9))
AFTER = Period(date(2026, 3, 9), date(2026, 3, 16))
HANDLE_BEFORE = [300, 320, 280, 310, 290, 305, 295, 315]
HANDLE_AFTER = [200, 210, 190, 220, 205, 195, 215, 185]
CSAT_BEFORE = [5, 5, 3, 2, 2, 1, 4, 3]
CSAT_AFTER = [5, 5, 5, 4, 4, 3, 5, 2]
SMALL = TestPolicy(minimum_continuous=8, minimum_binary=8, minimum_expected=1)


def coached_agent() -> Events:
    events = Events()
    for week, handles, ratings in ((0, HANDLE_BEFORE, CSAT_BEFORE), (1, HANDLE_AFTER, CSAT_AFTER)):
        for index, (handle, csat) in enumerate(zip(handles, ratings, strict=True)):
            conversation = f"w{week}-{index}"
            handled(events, conversation, week * 7 * DAY + index * 900, "a1", handle=handle)
            events.feedback(conversation, week * 7 * DAY + index * 900 + 800, csat=csat)
        handled(events, f"w{week}-other", week * 7 * DAY, "a2", handle=5000)  # another agent: never sampled
    return events


async def _before_after(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, key: str, policy: TestPolicy, **periods: Period
) -> BeforeAfter:
    async with transaction(sessionmaker) as session:
        return await before_after(
            session, key, MetricsRequest.of(agent_ids=["a1"]), periods.get("before", BEFORE), periods.get("after", AFTER),
            settings=settings, policy=policy,
        )


async def test_handle_time_uses_welch_on_the_agent_samples(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, coached_agent().items)
    found = (await _before_after(sessionmaker, settings, "handle_avg_s", SMALL)).result
    expected = stats.ttest_ind(HANDLE_AFTER, HANDLE_BEFORE, equal_var=False)
    interval = expected.confidence_interval(0.95)
    assert found.test is StatisticalTest.WELCH_T
    assert (found.before.size, found.before.mean, found.after.size, found.after.mean) == (8, 301.875, 8, 202.5)
    assert found.difference == -99.375
    assert found.statistic == pytest.approx(expected.statistic, rel=1e-12)
    assert found.p_value == pytest.approx(expected.pvalue, rel=1e-9)
    assert (found.confidence_low, found.confidence_high) == (
        pytest.approx(interval.low, rel=1e-12), pytest.approx(interval.high, rel=1e-12)
    )
    assert found.verdict is Verdict.IMPROVED


async def test_csat_top2_uses_the_two_proportion_test(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, coached_agent().items)
    found = (await _before_after(sessionmaker, settings, "csat_top2_rate", SMALL)).result
    pooled = 9 / 16  # 3 of 8 rated 4–5 before, 6 of 8 after
    statistic = 0.375 / (pooled * (1 - pooled) * (2 / 8)) ** 0.5
    assert found.test is StatisticalTest.TWO_PROPORTION_Z
    assert (found.before.mean, found.after.mean, found.difference) == (0.375, 0.75, 0.375)
    assert found.statistic == pytest.approx(statistic, rel=1e-12)
    assert found.p_value == pytest.approx(2 * stats.norm.sf(statistic), rel=1e-9)
    assert found.verdict is Verdict.NO_SIGNIFICANT_CHANGE


async def test_too_few_conversations_is_not_enough_data(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, coached_agent().items)
    found = (await _before_after(sessionmaker, settings, "handle_avg_s", TestPolicy())).result
    assert (found.verdict, found.minimum_sample_size, found.before.size, found.after.size) == (
        Verdict.NOT_ENOUGH_DATA, 20, 8, 8
    )
    assert (found.difference, found.p_value, found.confidence_low) == (-99.375, None, None)


@pytest.mark.parametrize(
    ("key", "before"),
    [
        ("first_response_p90_s", BEFORE),
        ("handled", BEFORE),
        ("handle_avg_s", Period(date(2026, 3, 2), date(2026, 3, 10))),  # overlaps the after period
        ("handle_avg_s", Period(None, date(2026, 3, 9))),  # open-ended
    ],
)
async def test_refused_questions(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, key: str, before: Period) -> None:
    with pytest.raises(BadUserInput):
        await _before_after(sessionmaker, settings, key, SMALL, before=before)
