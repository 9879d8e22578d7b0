"""The sweep of metric-based rules over real ingested events: a falling weekly trend opens a plan, weak KB search in
a category opens a team task; a second sweep in the same week adds nothing (SQLite and PostgreSQL)."""

import json
from datetime import UTC, datetime

from server.coaching.models import CoachingPlan, RemediationAction
from server.coaching.rules import RuleSet, parse_rules
from server.coaching.sweep import sweep
from server.config import Settings
from server.db import transaction
from server.timefmt import to_us
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.insights.builders import DAY, HOUR, handled
from tests.metrics.factory import Events
from tests.metrics.helpers import ingest
from tests.people.directory import seed_directory

SWEEP_AT = to_us(datetime(2026, 3, 23, 9, 0, tzinfo=UTC))
"""A Monday: the sweep looks at the three whole weeks from 2 March (the factory's first day)."""
RULES = RuleSet(7, parse_rules([
    {"id": "slower", "name_zh": "处理变慢", "name_en": "Getting slower", "condition": {"type": "falling_trend", "metric": "handle_avg_s", "weeks": 3},
     "actions": [{"type": "assign_training_path", "path": "response-speed"}]},
    {"id": "kb", "name_zh": "检索弱", "name_en": "Weak search", "condition": {"type": "kb_search_below", "level": 0.5},
     "actions": [{"type": "open_kb_task"}]},
]))


def history() -> Events:
    events = Events()
    events.team("t-east")
    events.agent("a1", "t-east")
    events.agent("a2", "t-east")
    for week, (slow, fast) in enumerate(((100, 300), (200, 200), (300, 100))):
        for index in range(3):
            handled(events, f"a1-{week}-{index}", week * 7 * DAY + index * 3600, "a1", handle=slow)
            handled(events, f"a2-{week}-{index}", week * 7 * DAY + index * 3600 + 600, "a2", handle=fast)
    for index in range(25):
        conversation = f"kb-{index}"
        handled(events, conversation, 2 * DAY + index * 600, "a2", category="退款")
        events.searched(f"s-{index}", 2 * DAY + index * 600 + 20, "a2", conversation)
        if index < 5:
            events.opened(f"s-{index}", 2 * DAY + index * 600 + 30, "a2")
    return events


async def test_a_falling_trend_and_weak_search_act_once_per_week(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await seed_directory(sessionmaker)
    await ingest(sessionmaker, settings, history().items)
    found = []
    for _again in range(2):
        async with transaction(sessionmaker) as session:
            found.append(await sweep(session, SWEEP_AT, settings, RULES))
    async with sessionmaker() as session:
        actions = (await session.execute(select(RemediationAction).order_by(RemediationAction.unique_key))).scalars().all()
        plans = (await session.execute(select(CoachingPlan))).scalars().all()

    assert [taken for taken, _intents in found] == [2, 0]
    assert [(a.unique_key, a.rule_version, a.action_type, a.agent_id, a.team_id, a.category) for a in actions] == [
        ("kb:kb:t-east:退款:2026-03-23:0", 7, "open_kb_task", None, "t-east", "退款"),
        ("slower:trend:a1:2026-03-23:0", 7, "assign_training_path", "a1", "t-east", None),
    ]
    assert json.loads(actions[0].trigger) == {"category": "退款", "kbHitRate": 0.2, "level": 0.5, "searches": 25}
    assert json.loads(actions[1].trigger) == {
        "metric": "handle_avg_s", "values": [100.0, 200.0, 300.0],
        "weeks": ["2026-03-02", "2026-03-09", "2026-03-16"],
    }
    [plan] = plans
    assert (plan.agent_id, plan.metric_key, plan.source, plan.source_key) == ("a1", "handle_avg_s", "rules", "slower:trend:a1:2026-03-23")


def busy_monday_mornings() -> Events:
    """Monday 10:00 UTC is the one peak hour (8 conversations, 4 abandoned); 10:00 on Tuesday to Thursday has 2 each."""
    events = Events()
    events.team("t-east")
    events.agent("a1", "t-east")
    for index in range(8):
        at = 9 * HOUR + index * 60
        if index < 4:
            events.started(f"mon-{index}", at, customer=f"c-mon-{index}")
            events.queued(f"mon-{index}", at)
            events.ended(f"mon-{index}", at + 30, "abandoned")
        else:
            handled(events, f"mon-{index}", at, "a1")
    for day in (1, 2, 3):
        for index in range(2):
            handled(events, f"d{day}-{index}", day * DAY + 9 * HOUR + index * 60, "a1")
    return events


async def test_abandonment_in_the_peak_hours_suggests_staffing_for_them(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    await ingest(sessionmaker, settings, busy_monday_mornings().items)
    rules = RuleSet(3, parse_rules([{
        "id": "peaks", "name_zh": "高峰放弃", "name_en": "Peak abandonment", "condition": {"type": "abandonment_peak", "level": 0.1},
        "actions": [{"type": "suggest_staffing"}],
    }]))
    async with transaction(sessionmaker) as session:
        taken, _intents = await sweep(session, SWEEP_AT, settings, rules)
    async with sessionmaker() as session:
        [action] = (await session.execute(select(RemediationAction))).scalars().all()
    assert taken == 1
    assert (action.unique_key, action.action_type, action.team_id, action.status) == (
        "peaks:peak:organisation:2026-03-23:0", "suggest_staffing", None, "open",
    )
    assert json.loads(action.trigger) == {"abandonPopulation": 8, "abandonRate": 0.5, "level": 0.1}
    assert json.loads(action.detail) == {"peakHours": [[1, 10]]}
