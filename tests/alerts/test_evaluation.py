"""Rules evaluated as batches commit: hysteresis, cool-down, late events re-evaluating a closed window."""

import pytest
from server.alerts.pipeline import settle_evaluations
from server.alerts.rules import Comparator, ScopeKind
from server.config import Settings
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.alerts.support import add_rule, alerts_of, ingest_and_settle, spec
from tests.metrics.factory import BASE_US, Events
from tests.metrics.helpers import configure, ingest

QUARTER = 15 * 60
"""Steps 15 minutes apart: each 15-minute window holds exactly one step's conversations."""


def step_events(step: int, count: int) -> list[dict]:
    events = Events()
    for number in range(count):
        events.started(f"s{step}-c{number}", step * QUARTER + number)
    return events.items


@pytest.mark.parametrize(
    ("hysteresis", "expected"),
    [
        # 4 raises; 3 is within the hysteresis band (> 2) so nothing clears; 2 clears it as recovered
        (1.0, [("resolved", "recovered", 4.0, 2.0, 0)]),
        # without hysteresis every 3 clears and every 4 raises again: the flapping the band prevents
        (0.0, [("resolved", "recovered", 4.0, 3.0, 0), ("resolved", "recovered", 4.0, 3.0, 2), ("resolved", "recovered", 4.0, 2.0, 4)]),
    ],
)
async def test_hysteresis_keeps_one_alert_on_an_oscillating_value(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, hysteresis: float, expected: list[tuple]
) -> None:
    await configure(sessionmaker, settings)
    rule_id = await add_rule(sessionmaker, spec(hysteresis=hysteresis))
    for step, count in enumerate([4, 3, 4, 3, 4, 2]):
        await ingest_and_settle(sessionmaker, settings, step_events(step, count))
    found = [
        (alert.state, alert.resolution, alert.value, alert.last_value, (alert.window_end_us - BASE_US) // (QUARTER * 1_000_000))
        for alert in await alerts_of(sessionmaker, rule_id)
    ]
    assert found == expected


async def test_the_cool_down_holds_back_a_new_alert(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await configure(sessionmaker, settings)
    rule_id = await add_rule(sessionmaker, spec(cooldown_minutes=40))
    for step, count in enumerate([4, 3, 4, 3, 4]):
        await ingest_and_settle(sessionmaker, settings, step_events(step, count))
    # raised at step 0, cleared at 1; step 2 is 30 minutes on (cooling), step 4 is 60 minutes on
    found = [(alert.state, (alert.window_end_us - BASE_US) // (QUARTER * 1_000_000)) for alert in await alerts_of(sessionmaker, rule_id)]
    assert found == [("resolved", 0), ("open", 4)]


def abandoned(events: Events, conversation: str, at: int) -> None:
    events.started(conversation, at)
    events.queued(conversation, at + 1)
    events.ended(conversation, at + 60, "abandoned")


async def test_a_late_event_resolves_an_alert_whose_window_no_longer_crosses(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    rule_id = await add_rule(sessionmaker, spec(
        metric_key="abandon_rate", scope_kind=ScopeKind.CHANNEL, threshold=0.5, min_sample=2, comparator=Comparator.ABOVE,
    ))
    events = Events()
    abandoned(events, "late-1", 0)
    abandoned(events, "late-2", 30)
    await ingest_and_settle(sessionmaker, settings, events.items)
    [raised] = await alerts_of(sessionmaker, rule_id)
    assert (raised.state, raised.scope_kind, raised.scope_id, raised.value, raised.sample_size) == ("open", "channel", "chat", 1.0, 2)

    late = Events()
    late.assigned("late-1", 2, "a1")   # both were answered after all: the window's abandonment is 0 of 2
    late.assigned("late-2", 32, "a1")
    await ingest_and_settle(sessionmaker, settings, late.items)
    [checked] = await alerts_of(sessionmaker, rule_id)
    assert (checked.alert_id, checked.state, checked.resolution, checked.value, checked.last_value) == (
        raised.alert_id, "resolved", "not_crossed", 1.0, 0.0,
    )


async def test_a_late_event_raises_an_alert_on_the_past_window_it_makes_cross(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    rule_id = await add_rule(sessionmaker, spec())
    await ingest_and_settle(sessionmaker, settings, step_events(0, 3))
    await ingest_and_settle(sessionmaker, settings, step_events(4, 1))   # an hour later
    assert await alerts_of(sessionmaker, rule_id) == []
    late = Events()
    late.started("late-arrival", 200)   # the first window now holds 4
    await ingest_and_settle(sessionmaker, settings, late.items)
    [alert] = await alerts_of(sessionmaker, rule_id)
    assert (alert.state, alert.value, alert.window_end_us - alert.window_start_us) == ("open", 4.0, QUARTER * 1_000_000)
    assert alert.window_end_us == BASE_US + 300_000_000


async def test_a_bulk_import_folds_its_conversations_in_once_it_ends(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    rule_id = await add_rule(sessionmaker, spec())
    await ingest(sessionmaker, settings, step_events(0, 4), batch_size=2, defer_upkeep=True)   # as `coachloop import` does
    await settle_evaluations()
    [alert] = await alerts_of(sessionmaker, rule_id)
    assert (alert.state, alert.value, alert.sample_size, alert.window_end_us) == ("open", 4.0, 4, BASE_US + 300_000_000)
