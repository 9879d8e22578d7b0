"""Repeat contacts and knowledge-base search facts, on hand-written inputs (metrics.md)."""

import pytest

from server.metrics.config import FactsConfig
from server.metrics.repeats import RepeatCandidate, repeated_conversations
from server.metrics.search_facts import ConversationLabels, search_facts
from tests.metrics.factory import BASE_US, Events
from tests.metrics.timelines import search_timelines, team_directory

H = 3600 * 1_000_000
WINDOW = 168 * H
CONFIG = FactsConfig("UTC", repeat_window_hours=168, service_level_seconds=30)


def candidate(conversation: str, start_h: float, end_h: float | None, *, customer: str = "u1",
              category: str = "billing", direction: str = "inbound") -> RepeatCandidate:
    return RepeatCandidate(conversation, customer, category, direction, int(start_h * H),
                           None if end_h is None else int(end_h * H))


@pytest.mark.parametrize(
    ("later", "repeated"),
    [
        (candidate("b", 10, 11), True),                        # starts 9 h after the end
        (candidate("b", 1, 2), False),                         # starts exactly at the end: (end, …] excludes it
        (candidate("b", 1 + 168, None), True),                 # exactly end + 7 × 24 h: included, open or not
        (candidate("b", 1 + 168.001, None), False),            # just after the window
        (candidate("b", 10, 11, direction="outbound"), False),  # an outbound call back is no repeat
        (candidate("b", 10, 11, category="退款"), False),       # other current category
        (candidate("b", 10, 11, customer="u2"), False),         # other customer
        (candidate("b", 0.5, 3), False),                        # started before the end (overlap)
    ],
)
def test_repeat_window(later: RepeatCandidate, repeated: bool) -> None:
    first = candidate("a", 0, 1)
    assert repeated_conversations([first, later], WINDOW) == ({"a"} if repeated else set())


def test_an_open_conversation_is_never_repeated_but_repeats_others() -> None:
    conversations = [candidate("a", 0, None), candidate("b", 2, 3), candidate("c", 4, None)]
    assert repeated_conversations(conversations, WINDOW) == {"b"}


def test_a_conversation_does_not_repeat_itself() -> None:
    odd = candidate("a", 5, 1)  # ended (ts) before it started: its own start is inside its window
    assert repeated_conversations([odd], WINDOW) == set()


def _search_facts(events: Events, search: str = "s1", labels: dict[str, ConversationLabels] | None = None):  # noqa: ANN202
    timeline = search_timelines(events.items)[search]
    return search_facts(timeline, labels or {}, team_directory(events.items), CONFIG)


def test_first_search_counts_and_hits_are_opens_at_or_after_it_by_anyone() -> None:
    events = Events()
    events.agent("a1", "t1", at=-10)
    events.agent("a1", "t2", at=15)
    events.searched("s1", 20, "a1", "c1", id="s1-resent")   # re-sent later: ignored
    events.searched("s1", 10, "a1", "c1")                    # the search: team at 10 is t1
    events.opened("s1", 5, "a2")                             # before the search: no hit
    events.opened("s1", 40, "a3")                            # by another agent: a hit, 30 s after
    events.opened("s1", 70, "a1")
    events.opened(None, 12, "a1")                            # no search id: unrelated
    facts = _search_facts(events, labels={"c1": ConversationLabels("chat", "billing")})
    assert facts is not None
    assert (facts.agent_id, facts.team_id, facts.ts_us) == ("a1", "t1", BASE_US + 10_000_000)
    assert (facts.hit, facts.time_to_hit_us) == (True, 30_000_000)
    assert facts.labels == ConversationLabels("chat", "billing")
    assert facts.buckets.day == "2026-03-02"


def test_open_at_the_search_instant_is_a_hit_and_no_open_is_a_miss() -> None:
    events = Events()
    events.searched("s1", 10, "a1")
    events.opened("s1", 10, "a1")
    events.searched("s2", 10, "a9", "unknown-conversation")
    hit, miss = _search_facts(events, "s1"), _search_facts(events, "s2")
    assert hit is not None and (hit.hit, hit.time_to_hit_us, hit.labels, hit.team_id) == (True, 0, None, None)
    assert miss is not None and (miss.hit, miss.time_to_hit_us, miss.labels) == (False, None, None)
