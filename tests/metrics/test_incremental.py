"""Incremental upkeep equals a rebuild from scratch, whatever the arrival order and batching.

Random small organisations (team changes, agents never upserted, re-sent ids,
several ends, late feedback, searches of unknown conversations) are imported
shuffled or in (reverse) time order, in random batch sizes, with duplicates
re-imported, each import keeping the facts current per batch or (as a bulk file
import does) catching up once at its end; every metric of the total and of five random groupings (of the 80), from
the rollup and from the fact tables, plus filtered and scoped requests, must then
equal the answer after ``rebuild_facts``.
"""

import itertools
import random
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from server.config import Settings
from server.db import transaction
from server.metrics.config import FactsConfig
from server.metrics.rebuild import rebuild_facts
from server.metrics.request import MetricScope
from tests.conftest import StorageTemplates
from tests.metrics.factory import Events
from tests.metrics.helpers import configure, database, ingest, metric_records

AGENTS = ("a1", "a2", "a3", "a4")
TEAMS = ("t1", "t2")
CUSTOMERS = ("u1", "u2")
CHANNELS = ("chat", "Phone ")
CATEGORIES = ("billing", "billing", "退款", None)
SLOTS = 12
ARRIVALS = ("shuffled", "time order", "reverse time order")
GROUPINGS = [
    list(labels) + ([bucket] if bucket else [])
    for size in range(5)
    for labels in itertools.combinations(("agent", "team", "channel", "category"), size)
    for bucket in (None, "hour", "day", "week", "month")
]


def _extra(draw: st.DrawFn, events: Events, conversation: str, at: int) -> None:
    """One event of any kind, anywhere near the conversation (also before its start)."""
    kind = draw(st.sampled_from(("queued", "assigned", "transferred", "categorized", "ended", "customer", "agent",
                                 "bot", "system", "feedback")))
    agent = draw(st.sampled_from(AGENTS))
    if kind == "queued":
        events.queued(conversation, at)
    elif kind == "assigned":
        events.assigned(conversation, at, agent, transfer_id=draw(st.sampled_from((None, "x1", "x2"))))
    elif kind == "transferred":
        events.transferred(conversation, at, draw(st.sampled_from(("x1", "x2"))), agent)
    elif kind == "categorized":
        events.categorized(conversation, at, draw(st.sampled_from(("billing", "退款"))))
    elif kind == "ended":
        events.ended(conversation, at, draw(st.sampled_from(("resolved", "unresolved", "abandoned"))))
    elif kind in ("customer", "bot", "system"):
        getattr(events, kind)(conversation, at)
    elif kind == "agent":
        events.agent_says(conversation, at, agent)
    else:
        _feedback(draw, events, conversation, at)


def _feedback(draw: st.DrawFn, events: Events, conversation: str, at: int) -> None:
    events.feedback(conversation, at, csat=draw(st.sampled_from((None, 1, 4, 5))),
                    nps=draw(st.sampled_from((None, 0, 7, 9, 10))), resolved=draw(st.sampled_from((None, True, False))))


def _conversation(draw: st.DrawFn, events: Events, conversation: str, start: int, customer: str, category: str | None) -> int:
    """A plausible conversation (bot phase, queue, assignment, exchanges, transfer, end, feedback) plus noise.

    Returns its last scripted instant.
    """
    clock = start
    channel = draw(st.sampled_from(CHANNELS))
    direction = draw(st.sampled_from((None, None, "inbound", "outbound")))

    def later() -> int:
        nonlocal clock
        clock += draw(st.integers(0, 5)) * 60
        return clock

    for _ in range(draw(st.sampled_from((0, 1, 1, 1, 2)))):
        events.started(conversation, start + draw(st.integers(0, 1)) * 60, customer=customer, channel=channel,
                       category=category if draw(st.integers(0, 3)) else draw(st.sampled_from(CATEGORIES)),
                       direction=direction)
    if draw(st.booleans()):
        events.customer(conversation, later())
        events.bot(conversation, later())
    if draw(st.integers(0, 4)):
        events.queued(conversation, later())
    agent = draw(st.sampled_from(AGENTS))
    if draw(st.integers(0, 3)):
        events.assigned(conversation, later(), agent)
    for _ in range(draw(st.integers(0, 3))):
        for _ in range(draw(st.integers(1, 2))):
            events.customer(conversation, later())
        if draw(st.integers(0, 3)):
            events.agent_says(conversation, later(), agent)
    if draw(st.integers(0, 2)) == 0:
        transfer, agent = draw(st.sampled_from(("x1", "x2"))), draw(st.sampled_from(AGENTS))
        events.transferred(conversation, later(), transfer, agent)
        if draw(st.booleans()):
            events.assigned(conversation, later(), agent, transfer_id=transfer)
            events.customer(conversation, later())
            events.agent_says(conversation, later(), agent)
    for _ in range(draw(st.integers(0, 2))):
        events.ended(conversation, later(), draw(st.sampled_from(("resolved", "resolved", "unresolved", "abandoned"))))
    end = clock
    for _ in range(draw(st.integers(0, 2))):
        _feedback(draw, events, conversation, later() + draw(st.integers(0, 120)) * 60)
    for _ in range(draw(st.integers(0, 3))):
        _extra(draw, events, conversation, start + draw(st.integers(-10, 40)) * 60)
    return end


@st.composite
def organisations(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A random, valid event list: conversations up to two hours apart or following up the previous one
    (same customer and category, around its end), ties allowed, ids unique."""
    events = Events()
    slot = st.integers(min_value=0, max_value=SLOTS).map(lambda number: number * 1800)
    for agent in AGENTS[:-1]:
        for _ in range(draw(st.integers(1, 2))):
            events.agent(agent, draw(st.sampled_from(TEAMS)), at=draw(slot))
    start = end = 0
    customer, category = CUSTOMERS[0], CATEGORIES[0]
    for number in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 2)):
            start = end + draw(st.integers(-1, 70)) * 60
        else:
            start += draw(st.integers(0, 4)) * 1800
            customer, category = draw(st.sampled_from(CUSTOMERS)), draw(st.sampled_from(CATEGORIES))
        end = _conversation(draw, events, f"c{number}", start, customer, category)
    for number in range(draw(st.integers(0, 3))):
        search, at = f"s{number}", draw(slot)
        named = draw(st.sampled_from((None, "c0", "c1", "unknown")))
        for _ in range(draw(st.integers(1, 2))):
            events.searched(search, at + draw(st.integers(0, 3)) * 60, draw(st.sampled_from(AGENTS)), named)
        for _ in range(draw(st.integers(0, 2))):
            events.opened(search, at + draw(st.integers(-2, 5)) * 60, draw(st.sampled_from(AGENTS)))
    return events.items


REQUEST_VARIANTS: list[dict[str, Any]] = [
    {"from_": date(2026, 3, 3), "to": date(2026, 3, 5)},
    {"from_": "2026-03-03T12:30:00+08:00", "group_by": ["day"]},
    {"channels": ["phone"], "group_by": ["category"]},
    {"team_ids": ["t1"], "group_by": ["week"]},
    {"agent_ids": ["a1", "a4"]},
]


async def _answers(sessionmaker: Any, settings: Settings, groupings: list[list[str]]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for grouping in groupings:
        for from_facts in (False, True):
            answers[f"{grouping} {from_facts}"] = await metric_records(sessionmaker, settings, group_by=grouping, from_facts=from_facts)
    for number, variant in enumerate(REQUEST_VARIANTS):
        request = dict(variant)
        if isinstance(request.get("from_"), str):
            request["from_"] = datetime.fromisoformat(request["from_"])
        answers[f"variant {number}"] = await metric_records(sessionmaker, settings, **request)
    scope = MetricScope(agent_ids=frozenset({"a2"}), team_ids=frozenset({"t2"}))
    answers["scoped"] = await metric_records(sessionmaker, settings, scope=scope, group_by=["agent", "day"])
    return answers


@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    events=organisations(),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    arrival_order=st.sampled_from(ARRIVALS),
    timezone=st.sampled_from(("UTC", "Asia/Shanghai", "America/New_York")),
    chosen=st.sets(st.integers(min_value=1, max_value=len(GROUPINGS) - 1), min_size=5, max_size=5),
    deferred=st.lists(st.booleans(), min_size=1, max_size=4),
)
async def test_incremental_upkeep_equals_rebuild(
    events: list[dict[str, Any]],
    seed: int,
    arrival_order: str,
    timezone: str,
    chosen: set[int],
    deferred: list[bool],
    backend: str,
    storage_templates: StorageTemplates,
) -> None:
    groupings = [GROUPINGS[0], *(GROUPINGS[index] for index in sorted(chosen))]
    shuffler = random.Random(seed)
    arrival = list(events)
    shuffler.shuffle(arrival)
    if arrival_order != "shuffled":
        arrival.sort(key=lambda event: datetime.fromisoformat(event["ts"]), reverse=arrival_order == "reverse time order")
    url = storage_templates.fresh(backend)
    settings = Settings(database_url=url, demo=False, timezone=timezone, repeat_window_hours=1)
    async with database(url, settings) as sessionmaker:
        await configure(sessionmaker, settings)
        position, imports = 0, itertools.cycle(deferred)
        while position < len(arrival):
            size = shuffler.randint(1, 8)
            batch = shuffler.randint(1, 4)
            await ingest(sessionmaker, settings, arrival[position : position + size], batch, defer_upkeep=next(imports))
            position += size
        await ingest(sessionmaker, settings, shuffler.sample(events, k=len(events) // 2), batch_size=3, defer_upkeep=next(imports))
        incremental = await _answers(sessionmaker, settings, groupings)
        async with transaction(sessionmaker) as session:
            await rebuild_facts(session, FactsConfig.from_settings(settings))
        rebuilt = await _answers(sessionmaker, settings, groupings)
    for name, answer in rebuilt.items():
        assert incremental[name] == answer, name
    for grouping in groupings:
        assert rebuilt[f"{grouping} False"] == rebuilt[f"{grouping} True"], grouping
