"""Rankings on small fixtures: steadiness at peaks, room to improve FCR, categories needing KB support."""

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.insights.fcr_room import fcr_room_ranking
from server.insights.kb_support import kb_support_ranking
from server.insights.steadiness import steadiness_ranking
from server.metrics.computations import MetricValue
from server.metrics.request import MetricsRequest
from tests.insights.builders import DAY, HOUR, close_windows, handled, replied
from tests.metrics.factory import Events
from tests.metrics.helpers import ingest


def peak_and_quiet_hours() -> Events:
    """Monday 01h UTC holds 4 conversations (the peak), 03h and 05h one each (volumes 4, 1, 1 → Q3 = 2.5)."""
    events = Events()
    for index, (agent, intervals) in enumerate([("a1", [20]), ("a1", [40]), ("a2", [30]), ("a2", [30, 5])]):
        handled(events, f"peak-{index}", index * 60, agent, handle=600)
        replied(events, f"peak-{index}", index * 60 + 20, agent, intervals)
    replied(events, "peak-3", 3 * 60 + 200, "a3", [50])  # a3: one peak interval (after a2's two)
    handled(events, "quiet-3h", 2 * HOUR, "a1", handle=600)
    replied(events, "quiet-3h", 2 * HOUR + 20, "a1", [10, 20])
    replied(events, "quiet-3h", 2 * HOUR + 200, "a3", [5, 5])
    handled(events, "quiet-5h", 4 * HOUR, "a2", handle=600)
    replied(events, "quiet-5h", 4 * HOUR + 20, "a2", [20, 40])
    return events


async def test_steadiness_at_peaks(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, peak_and_quiet_hours().items)
    async with transaction(sessionmaker) as session:
        ranking = await steadiness_ranking(session, MetricsRequest.of(), settings=settings, minimum_intervals=2)
    # a2: peak (30+30+5)/3, off-peak 30; a1: peak 30, off-peak 15; a3: one peak interval only
    assert [(entry.rank, entry.agent_id, entry.peak, entry.off_peak, entry.ratio) for entry in ranking] == [
        (1, "a2", MetricValue(pytest.approx(65 / 3), 3), MetricValue(30.0, 2), pytest.approx(65 / 90)),
        (2, "a1", MetricValue(30.0, 2), MetricValue(15.0, 2), 2.0),
    ]


def fcr_teams() -> Events:
    events = Events()
    for agent, team in (("a1", "t1"), ("a2", "t1"), ("a3", "t1"), ("a5", "t1"), ("a4", "t2")):
        events.agent(agent, team)
    outcomes = {"a1": [1, 1, 1, 0], "a2": [1, 0, 0, 0], "a3": [1, 1, 1, 1, 1], "a5": [0], "a4": [1, 1, 0, 0]}
    for agent, resolved in outcomes.items():
        for index, outcome in enumerate(resolved):
            handled(events, f"{agent}-{index}", index * 600, agent, resolution="resolved" if outcome else "unresolved")
    close_windows(events)
    return events


async def test_room_to_improve_fcr(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, fcr_teams().items)
    async with transaction(sessionmaker) as session:
        ranking = await fcr_room_ranking(session, MetricsRequest.of(), settings=settings, minimum_conversations=4)
    # t1 rates 0.75, 0.25, 1.0 (a5 has 1 conversation: not ranked) → upper quartile 0.875; t2: 0.5 alone
    assert [
        (entry.rank, entry.agent_id, entry.team_id, entry.fcr.value, entry.fcr.sample_size, entry.benchmark, entry.gap,
         entry.conversations_to_gain)
        for entry in ranking
    ] == [
        (1, "a2", "t1", 0.25, 4, 0.875, 0.625, 2.5),
        (2, "a1", "t1", 0.75, 4, 0.875, 0.125, 0.5),
        (3, "a3", "t1", 1.0, 5, 0.875, 0.0, 0.0),
        (4, "a4", "t2", 0.5, 4, 0.5, 0.0, 0.0),
    ]


def kb_categories() -> Events:
    events = Events()
    conversations = [  # (conversation, customer, category, start day)
        ("b1", "ub1", "billing", 0), ("b1-again", "ub1", "billing", 1), ("b2", "ub2", "billing", 0),
        ("r1", "ur1", "refund", 0), ("r2", "ur2", "refund", 0),
        ("l1", "ul1", "login", 0), ("l1-again", "ul1", "login", 1), ("l2", "ul2", "login", 0), ("l2-again", "ul2", "login", 1),
        ("m1", "um1", "misc", 0),
    ]
    for conversation, customer, category, day in conversations:
        handled(events, conversation, day * DAY, "a1", customer=customer, category=category)
    searches = [("b1", 1), ("b1", 0), ("b2", 0), ("b2", 0), ("r1", 0), ("r2", 0), ("l1", 1), ("l2", 1), ("m1", 1)]
    for index, (conversation, hit) in enumerate(searches):
        events.searched(f"s{index}", 50, "a1", conversation)
        if hit:
            events.opened(f"s{index}", 55, "a1")
    close_windows(events)
    return events


async def test_categories_needing_kb_support(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, kb_categories().items)
    async with transaction(sessionmaker) as session:
        ranking = await kb_support_ranking(
            session, MetricsRequest.of(), settings=settings, minimum_searches=2, minimum_conversations=2
        )
    # overall: 4 hits of 9 searches, 3 repeated of 10 conversations; misc (1 search) is below the floor
    assert (ranking.overall_kb_hit_rate, ranking.overall_repeat_rate) == (
        MetricValue(pytest.approx(4 / 9), 9), MetricValue(0.3, 10)
    )
    assert [
        (entry.rank, entry.category, entry.kb_hit_rate, entry.repeat_rate, entry.need, entry.needs_support)
        for entry in ranking.entries
    ] == [
        (1, "billing", MetricValue(0.25, 4), MetricValue(pytest.approx(1 / 3), 3), pytest.approx(0.75 / 3), True),
        (2, "login", MetricValue(1.0, 2), MetricValue(0.5, 4), 0.0, False),
        (3, "refund", MetricValue(0.0, 2), MetricValue(0.0, 2), 0.0, False),
    ]
