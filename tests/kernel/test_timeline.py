"""The one conversation timeline: the read model and the metric facts agree, and name their two agents apart.

Times are seconds after 2026-03-02 09:00 (Asia/Shanghai), as in tests/metrics.
"""

import pytest

from server.conversations.models import ConversationEvent
from server.conversations.summary import summarize
from server.kernel.events import LIFECYCLE_TYPES
from server.kernel.timeline import lifecycle
from server.metrics.config import FactsConfig
from server.metrics.conversation_facts import conversation_facts
from tests.metrics.factory import BASE_US, Events
from tests.metrics.timelines import conversation_timelines, parsed, team_directory

CONFIG = FactsConfig("Asia/Shanghai", repeat_window_hours=168, service_level_seconds=30)
S = 1_000_000
LIFECYCLE_FIELDS = ("channel", "customer_id", "category", "direction", "agent_id", "transfer_id", "resolution")


def stored_rows(events: Events) -> list[ConversationEvent]:
    """The lifecycle rows ingestion would store for ``events``."""
    return [
        ConversationEvent(
            event_id=event.id, conversation_id=event.conversation_id, type=event.type, ts_us=event.ts_us,
            **{name: event.fields.get(name) for name in LIFECYCLE_FIELDS},
        )
        for event in parsed(events.items)
        if event.type in LIFECYCLE_TYPES
    ]


def both_views(events: Events) -> tuple[tuple, tuple]:
    """(category, start, end, agent) as the read model and as the metric facts see conversation c1."""
    summary = summarize("c1", stored_rows(events), [])
    facts = conversation_facts(conversation_timelines(events.items)["c1"], team_directory(events.items), CONFIG)
    assert summary is not None and facts is not None
    return (
        (summary.category, summary.started_us, summary.ended_us, summary.agent_id),
        (facts.category, facts.start_us, facts.end_us, facts.final_agent_id),
    )


def conversation(*, ended: bool) -> Events:
    events = Events()
    events.agent("a1", "t1")
    events.agent("a2", "t1")
    events.started("c1", 0, category="售前")
    events.assigned("c1", 10, "a1")
    events.categorized("c1", 20, "售后")
    events.assigned("c1", 30, "a2")
    if ended:
        events.ended("c1", 40)
        events.assigned("c1", 50, "a1")  # after the end: neither handling nor final
    return events


def test_an_open_conversation_has_a_handling_agent_and_no_final_agent_yet() -> None:
    read_model, facts = both_views(conversation(ended=False))
    assert read_model == ("售后", BASE_US, None, "a2")
    assert facts == ("售后", BASE_US, None, None)


def test_an_ended_conversation_credits_its_handling_agent_as_the_final_agent() -> None:
    read_model, facts = both_views(conversation(ended=True))
    assert read_model == facts == ("售后", BASE_US, BASE_US + 40 * S, "a2")


@pytest.mark.parametrize("ended", [False, True])
def test_the_lifecycle_names_both_agents(ended: bool) -> None:
    life = lifecycle(stored_rows(conversation(ended=ended)))
    assert life is not None
    assert (life.handling_agent_id, life.final_agent_id) == ("a2", "a2" if ended else None)
    assert life.agent_ids == ("a1", "a2")


def test_without_a_categorized_event_the_start_category_or_uncategorized_holds() -> None:
    events = Events()
    events.started("c1", 0)
    assert both_views(events) == (("uncategorized", BASE_US, None, None),) * 2
    events = Events()
    events.started("c1", 0, category="投诉")
    assert both_views(events) == (("投诉", BASE_US, None, None),) * 2


def test_ties_at_one_instant_are_broken_by_event_id() -> None:
    events = Events()
    events.started("c1", 0)
    events.categorized("c1", 5, "乙", id="cat-b")
    events.categorized("c1", 5, "甲", id="cat-a")
    assert both_views(events) == (("乙", BASE_US, None, None),) * 2
