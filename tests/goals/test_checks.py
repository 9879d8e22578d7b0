"""A team goal planned from the metrics engine and checked at its milestones, against hand-computed values."""

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

import server.features
from server.config import Settings
from server.db import transaction
from server.goals.checks import close_goal, milestone_instants, period_of, run_check
from server.goals.events import GOAL_CHECKED
from server.goals.models import Goal, GoalCheck, GoalPart
from server.goals.repository import GoalRepository
from server.goals.service import create_goal
from server.kernel.feature import Feature, Listener
from server.notifications.models import OutboxEntry
from server.timefmt import to_us
from tests.goals.support import Stream, at, ingest, record_intents, team_goal

START, END = date(2026, 4, 1), date(2026, 4, 14)
PUBLISHED: list = []


async def remember(_session: AsyncSession, event: object) -> None:
    PUBLISHED.append(event)


def organisation() -> Stream:
    stream = Stream()
    stream.many("a1", date(2026, 3, 10), 4, 60)   # baseline: a1 60 s × 4, a2 30 s × 4, a3 40 s × 2
    stream.many("a2", date(2026, 3, 11), 4, 30)
    stream.many("a3", date(2026, 3, 12), 2, 40)
    stream.many("a1", date(2026, 4, 2), 3, 50)    # week 1: a1 50 s × 3, a2 30 s × 3
    stream.many("a2", date(2026, 4, 3), 3, 30)
    stream.many("a1", date(2026, 4, 9), 3, 70)    # week 2: a1 70 s × 3, a2 30 s × 3
    stream.many("a2", date(2026, 4, 10), 3, 30)
    return stream


@pytest.fixture
async def goal_id(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> str:
    await ingest(sessionmaker, settings, organisation())
    asked: list = []
    async with transaction(sessionmaker) as session:
        goal = await create_goal(session, settings, team_goal(START, END), record_intents(session, asked),
                                 created_by="u-owner", draft=False, now_us=0)
    assert asked == [("goals.start", {"goal_id": goal.goal_id})]
    return goal.goal_id


async def test_the_goal_is_decomposed_from_the_baseline(sessionmaker: async_sessionmaker[AsyncSession], goal_id: str) -> None:
    async with sessionmaker() as session:
        goal = await GoalRepository(session).get(goal_id)
        parts = {part.part_key: part for part in await GoalRepository(session).parts(goal_id)}

    # Baseline (4·60 + 4·30 + 2·40) / 10 = 44 s; −10 % → 39.6 s.
    assert (goal.status, goal.baseline, goal.baseline_volume) == ("active", 44.0, 10)
    assert goal.target == pytest.approx(39.6, abs=1e-12)
    assert goal.shortfall == 0.0

    def summary(part: GoalPart) -> tuple:
        return (part.baseline, part.volume, round(part.target, 9), part.rule, part.capped)

    # t-b (2 < 3) takes the parent's target; t-a carries the rest: 39.6 too. In t-a, a2 (30 s) keeps its level
    # and a1 closes 43.2 / 81.6 of its 20.4 s gap: 60 − 10.8 = 49.2 s. a3 is low volume: 39.6 s.
    assert {key: summary(part) for key, part in parts.items()} == {
        "team:t-a": (45.0, 8, 39.6, "allocated", False),
        "team:t-b": (40.0, 2, 39.6, "low_volume", False),
        "agent:t-a:a1": (60.0, 4, 49.2, "allocated", False),
        "agent:t-a:a2": (30.0, 4, 30.0, "kept", False),
        "agent:t-b:a3": (40.0, 2, 39.6, "low_volume", False),
    }
    combined = sum(part.target * part.volume for part in parts.values() if part.agent_id) / 10
    assert combined == pytest.approx(goal.target, abs=1e-9)


async def test_milestone_checks_compare_actual_with_the_trajectory(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, goal_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    listening = Feature(name="listening", listeners=(Listener(GOAL_CHECKED, remember),))
    monkeypatch.setattr(server.features, "FEATURES", [*server.features.FEATURES, listening])
    PUBLISHED.clear()
    async with transaction(sessionmaker) as session:
        first = await run_check(session, settings, goal_id, milestone=1, now_us=1)
    async with transaction(sessionmaker) as session:
        again = await run_check(session, settings, goal_id, milestone=1, now_us=2)
    async with transaction(sessionmaker) as session:
        status, intents = await close_goal(session, settings, goal_id, milestone=2, now_us=3)
    async with sessionmaker() as session:
        checks = (await session.execute(select(GoalCheck).order_by(GoalCheck.milestone, GoalCheck.part_key))).scalars().all()
        outbox = (await session.execute(select(OutboxEntry))).scalars().all()
        goal = await GoalRepository(session).get(goal_id)

    def row(check: GoalCheck) -> tuple:
        expected = None if check.expected is None else round(check.expected, 9)
        return (check.milestone, check.part_key, expected, check.actual, check.sample_size, check.status, check.consecutive_behind)

    # Week 1: whole (3·50 + 3·30)/6 = 40 against 44 + (39.6 − 44)/2 = 41.8: ahead by 1.8 > 1.
    # Week 2: (3·70 + 3·30)/6 = 50 against 39.6: behind. a3 and t-b (baseline 40 → 39.6) have no sample.
    assert [row(check) for check in checks] == [
        (1, "agent:t-a:a1", 54.6, 50.0, 3, "ahead", 0),
        (1, "agent:t-a:a2", 30.0, 30.0, 3, "on_track", 0),
        (1, "agent:t-b:a3", 39.8, None, 0, "insufficient_data", 0),
        (1, "goal", 41.8, 40.0, 6, "ahead", 0),
        (1, "team:t-a", 42.3, 40.0, 6, "ahead", 0),
        (1, "team:t-b", 39.8, None, 0, "insufficient_data", 0),
        (2, "agent:t-a:a1", 49.2, 70.0, 3, "behind", 1),
        (2, "agent:t-a:a2", 30.0, 30.0, 3, "on_track", 0),
        (2, "agent:t-b:a3", 39.6, None, 0, "insufficient_data", 0),
        (2, "goal", 39.6, 50.0, 6, "behind", 1),
        (2, "team:t-a", 39.6, 50.0, 6, "behind", 1),
        (2, "team:t-b", 39.6, None, 0, "insufficient_data", 0),
    ]
    assert (first.new, again.new, sorted(c.check_id for c in again.checks)) == (True, False, sorted(c.check_id for c in first.checks))
    assert (status, goal.status) == ("missed", "missed")
    assert len(intents) == 2  # the drift's in-app and webhook deliveries
    assert [(entry.kind, entry.dedup_key, json.loads(entry.payload)["status"]) for entry in outbox] == [
        ("goal.drifted", f"goal.drifted:{goal_id}:m2", "behind")
    ]
    assert [(event.part_key, event.status, event.consecutive_behind) for event in PUBLISHED if event.part_key in ("goal", "agent:t-a:a1")] == [
        ("goal", "ahead", 0), ("agent:t-a:a1", "ahead", 0), ("goal", "behind", 1), ("agent:t-a:a1", "behind", 1),
    ]
    assert len(PUBLISHED) == 12


def test_milestones_fall_at_the_cadence_and_the_last_at_the_end(settings: Settings) -> None:
    goal = Goal(goal_id="g", name="g", metric_key="handled", better="higher_is_better", target_kind="absolute",
                target_input=1, scope_kind="organisation", start_date=START, end_date=date(2026, 4, 10), owner_id="o",
                cadence_s=7 * 86_400, status="active", created_by="o", created_at_us=0, updated_at_us=0)
    period = period_of(goal, settings)
    assert milestone_instants(period, goal.cadence_s) == [to_us(at(date(2026, 4, 8), 0)), to_us(at(date(2026, 4, 11), 0))]


async def test_a_count_goal_splits_by_baseline_and_checks_period_to_date(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await ingest(sessionmaker, settings, organisation())
    spec = team_goal(START, END, metric_key="handled", target_kind="absolute", target=20.0, better="higher_is_better")
    async with transaction(sessionmaker) as session:
        goal = await create_goal(session, settings, spec, record_intents(session, []), created_by="u-owner", draft=False, now_us=0)
    async with transaction(sessionmaker) as session:
        outcome = await run_check(session, settings, goal.goal_id, milestone=1, now_us=1)
    async with sessionmaker() as session:
        parts = {part.part_key: (part.baseline, part.target, part.rule) for part in await GoalRepository(session).parts(goal.goal_id)}

    # Baseline handled: t-a 8 (a1 4, a2 4), t-b 2 (a3 2): 20 is split 16 / 4, then 8 / 8 and 4.
    assert parts == {
        "team:t-a": (8.0, 16.0, "count"), "team:t-b": (2.0, 4.0, "count"),
        "agent:t-a:a1": (4.0, 8.0, "count"), "agent:t-a:a2": (4.0, 8.0, "count"), "agent:t-b:a3": (2.0, 4.0, "count"),
    }
    # Halfway: 6 handled against 10 (behind by 4 > 1); a1 and a2 3 against 4 (on track); t-b and a3 0 against 2.
    assert {check.part_key: (check.expected, check.actual, check.status) for check in outcome.checks} == {
        "goal": (10.0, 6.0, "behind"), "team:t-a": (8.0, 6.0, "behind"), "team:t-b": (2.0, 0.0, "behind"),
        "agent:t-a:a1": (4.0, 3.0, "on_track"), "agent:t-a:a2": (4.0, 3.0, "on_track"), "agent:t-b:a3": (2.0, 0.0, "behind"),
    }
