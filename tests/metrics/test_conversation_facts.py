"""A conversation's facts from its timeline, on hand-written event lists (metrics.md, Terms).

Times are seconds after 2026-03-02 09:00 (Asia/Shanghai). Expected values are worked
out by hand in the comments.
"""

import random

import pytest

from server.metrics.config import FactsConfig
from server.metrics.conversation_facts import ConversationFacts, ResponseInterval, conversation_facts
from server.org.teams import TeamDirectory
from tests.metrics.factory import BASE_US, Events
from tests.metrics.timelines import conversation_timelines, team_directory

CONFIG = FactsConfig("Asia/Shanghai", repeat_window_hours=168, service_level_seconds=30)
S = 1_000_000


def facts_of(events: Events, conversation: str = "c1", teams: TeamDirectory | None = None) -> ConversationFacts | None:
    timeline = conversation_timelines(events.items).get(conversation)
    assert timeline is not None
    return conversation_facts(timeline, teams or team_directory(events.items), CONFIG)


def test_unknown_start_means_no_conversation() -> None:
    events = Events()
    events.queued("c1", 0)
    events.customer("c1", 5)
    events.ended("c1", 60)
    assert facts_of(events) is None


def test_bot_phase_opens_no_block_and_blocks_close_only_on_agent_messages() -> None:
    events = Events()
    events.agent("a1", "t1")
    events.started("c1", 0)
    events.customer("c1", 1)       # before the human phase: ignored
    events.bot("c1", 2)
    events.customer("c1", 3)       # still bot phase
    events.queued("c1", 10)        # human phase starts at 10
    events.customer("c1", 12)      # block opens at 12
    events.bot("c1", 14)           # bot neither closes...
    events.system("c1", 15)        # ...nor does system
    events.customer("c1", 16)      # same block
    events.assigned("c1", 20, "a1")
    events.agent_says("c1", 30, "a1")    # closes: 30 − 12 = 18 s
    events.agent_says("c1", 35, "a1")    # no open block: nothing
    events.system("c1", 36)
    events.customer("c1", 40)      # block opens at 40
    events.agent_says("c1", 47, "a1")    # closes: 7 s
    events.customer("c1", 50)      # never answered: no interval
    events.ended("c1", 60)
    facts = facts_of(events)
    assert facts is not None
    assert facts.human_start_us == BASE_US + 10 * S
    assert facts.intervals == (
        ResponseInterval(0, "a1", "t1", BASE_US + 30 * S, 18 * S),
        ResponseInterval(1, "a1", "t1", BASE_US + 47 * S, 7 * S),
    )
    assert facts.first_response == facts.intervals[0]
    assert (facts.queue_wait_us, facts.handle_us) == (10 * S, 40 * S)  # 20 − 10; 60 − 20


def test_bot_only_conversation_has_no_human_phase() -> None:
    events = Events()
    events.started("c1", 0)
    events.customer("c1", 1)
    events.bot("c1", 2)
    events.agent_says("c1", 3, "a1")  # an agent message outside any human phase
    events.ended("c1", 30, "resolved")
    facts = facts_of(events)
    assert facts is not None
    assert (facts.human_start_us, facts.intervals, facts.handled, facts.final_agent_id) == (None, (), False, None)
    assert facts.self_served is True


def test_human_phase_starts_at_the_earlier_of_first_queued_and_first_assigned() -> None:
    events = Events()
    events.started("c1", 0)
    events.customer("c1", 4)        # before assigned at 5: ignored
    events.assigned("c1", 5, "a1")  # direct assignment, queued only later
    events.customer("c1", 6)
    events.queued("c1", 8)
    events.agent_says("c1", 9, "a1")    # 9 − 6 = 3 s
    events.ended("c1", 20)
    facts = facts_of(events)
    assert facts is not None
    assert facts.human_start_us == BASE_US + 5 * S
    assert [interval.interval_us for interval in facts.intervals] == [3 * S]
    # Answer: first assigned at or after the first queued (8): none, so no queue wait.
    assert (facts.answer_us, facts.queue_wait_us) == (None, None)


def test_messages_after_the_end_are_outside_the_human_phase_and_the_end_is_inclusive() -> None:
    events = Events()
    events.started("c1", 0)
    events.queued("c1", 1)
    events.assigned("c1", 2, "a1")
    events.customer("c1", 10)
    events.agent_says("c1", 20, "a1")    # at the end instant: inclusive, 10 s
    events.ended("c1", 20)
    events.customer("c1", 30)
    events.agent_says("c1", 40, "a1")    # after the end: no interval
    facts = facts_of(events)
    assert facts is not None
    assert [interval.interval_us for interval in facts.intervals] == [10 * S]


def test_open_conversation_has_intervals_but_no_first_response_nor_final_agent() -> None:
    events = Events()
    events.agent("a1", "t1")
    events.started("c1", 0)
    events.queued("c1", 1)
    events.assigned("c1", 2, "a1")
    events.customer("c1", 3)
    events.agent_says("c1", 8, "a1")
    facts = facts_of(events)
    assert facts is not None
    assert [interval.interval_us for interval in facts.intervals] == [5 * S]
    assert (facts.handled, facts.first_response, facts.final_agent_id, facts.end_us) == (False, None, None, None)
    assert facts.answer_us == BASE_US + 2 * S


def test_first_started_and_last_ended_count_and_arrival_order_does_not_matter() -> None:
    events = Events()
    events.started("c1", 5, customer="cust-late", channel="phone", id="c1-s2")
    events.started("c1", 0, customer="cust-1", channel="Chat ", category="Billing", id="c1-s1")
    events.queued("c1", 1)
    events.assigned("c1", 2, "a1")
    events.ended("c1", 50, "unresolved")
    events.ended("c1", 90, "resolved")  # reopened, ended again: this one counts
    events.assigned("c1", 95, "a2")     # after the end: not the final agent
    shuffled = Events()
    shuffled.items = list(events.items)
    random.Random(7).shuffle(shuffled.items)
    for variant in (events, shuffled):
        facts = facts_of(variant)
        assert facts is not None
        assert (facts.start_us, facts.customer_id, facts.channel, facts.category) == (BASE_US, "cust-1", "chat", "billing")
        assert (facts.end_us, facts.resolution, facts.final_agent_id) == (BASE_US + 90 * S, "resolved", "a1")
        assert facts.handle_us == 88 * S  # 90 − 2


def test_ties_are_broken_by_event_id_in_code_point_order() -> None:
    events = Events()
    events.started("c1", 0)
    events.ended("c1", 10, "unresolved", id="Z-end")
    events.ended("c1", 10, "resolved", id="a-end")       # "Z" < "a": this one is last
    events.categorized("c1", 5, "退款", id="b-cat")
    events.categorized("c1", 5, "billing", id="B-cat")   # "B" < "b": 退款 is the latest
    events.feedback("c1", 20, csat=2, id="中-fb")
    events.feedback("c1", 20, csat=4, id="z-fb")        # "z" (U+007A) < "中" (U+4E2D): csat 2 is the latest
    facts = facts_of(events)
    assert facts is not None
    assert (facts.resolution, facts.category, facts.csat) == ("resolved", "退款", 2)


@pytest.mark.parametrize(
    ("started_category", "categorized", "expected"),
    [(None, [], "uncategorized"), ("Billing", [], "billing"), ("billing", [(10, "退款"), (5, "物流")], "退款")],
)
def test_current_category(started_category: str | None, categorized: list[tuple[int, str]], expected: str) -> None:
    events = Events()
    events.started("c1", 0, category=started_category)
    for at, category in categorized:
        events.categorized("c1", at, category)
    facts = facts_of(events)
    assert facts is not None and facts.category == expected


def test_feedback_follows_the_latest_carrier_of_each_field() -> None:
    events = Events()
    events.started("c1", 0)
    events.ended("c1", 10)
    events.feedback("c1", 100, csat=2, nps=3, resolved=False)
    events.feedback("c1", 200, csat=5)                   # re-rates csat only
    events.feedback("c1", 50, nps=10, resolved=True)     # earlier: superseded by the one at 100
    facts = facts_of(events)
    assert facts is not None
    assert (facts.csat, facts.nps, facts.feedback_resolved) == (5, 3, False)
    assert facts.resolved_first_time is False  # resolved, but the feedback says it was not


def test_transfers_accepted_unaccepted_and_resent() -> None:
    events = Events()
    events.started("c1", 0)
    events.queued("c1", 1)
    events.assigned("c1", 2, "a1")
    events.assigned("c1", 5, "a2", transfer_id="x1")         # before its transfer: not the acceptance
    events.transferred("c1", 10, "x1", "a1")                 # first transfer of x1
    events.transferred("c1", 15, "x1", "a1", id="c1-x1-again")  # re-sent x1: ignored
    events.assigned("c1", 25, "a2", transfer_id="x1")        # accepts x1: 25 − 10 = 15 s
    events.assigned("c1", 30, "a3", transfer_id="x1")        # a later one: not the first acceptance
    events.transferred("c1", 40, "x2", "a2")                 # never accepted: left out
    events.ended("c1", 100)
    facts = facts_of(events)
    assert facts is not None
    assert (facts.transferred, facts.transits_us, facts.final_agent_id) == (True, (15 * S,), "a3")


def test_transfer_accepted_at_the_same_instant_counts_zero_transit() -> None:
    events = Events()
    events.started("c1", 0)
    events.assigned("c1", 1, "a1")
    events.transferred("c1", 10, "x1", "a1", id="z-transfer")
    events.assigned("c1", 10, "a2", transfer_id="x1", id="a-assign")  # same ts, smaller id: still "at" the transfer
    facts = facts_of(events)
    assert facts is not None and facts.transits_us == (0,)


def test_answer_and_final_agent_respect_the_end() -> None:
    events = Events()
    events.started("c1", 0)
    events.queued("c1", 10)
    events.assigned("c1", 5, "a1")      # before the queue: not the answer
    events.ended("c1", 20, "abandoned")
    events.assigned("c1", 30, "a2")     # after the end: not the answer, not final
    facts = facts_of(events)
    assert facts is not None
    assert (facts.answer_us, facts.final_agent_id, facts.handled) == (None, "a1", True)
    assert facts.queued and facts.ended and not facts.self_served


def test_team_at_the_end_and_at_each_reply() -> None:
    events = Events()
    events.agent("a1", "t1", at=-100)
    events.agent("a1", "t2", at=30)      # moves to t2 at 30
    events.agent("a2", "t9", at=500)     # first upsert after everything: its team applies before it too
    events.started("c1", 0)
    events.queued("c1", 1)
    events.assigned("c1", 2, "a1")
    events.customer("c1", 10)
    events.agent_says("c1", 20, "a1")    # team at 20: t1
    events.customer("c1", 40)
    events.agent_says("c1", 45, "a1")    # team at 45: t2
    events.customer("c1", 50)
    events.agent_says("c1", 55, "a2")    # a2's first upsert is later: t9
    events.customer("c1", 60)
    events.agent_says("c1", 61, "a3")    # a3 never upserted: no team
    events.ended("c1", 70)
    facts = facts_of(events)
    assert facts is not None
    assert [(i.agent_id, i.team_id) for i in facts.intervals] == [("a1", "t1"), ("a1", "t2"), ("a2", "t9"), ("a3", None)]
    assert (facts.final_agent_id, facts.final_team_id) == ("a1", "t2")


def test_buckets_come_from_the_start_in_the_organisation_zone() -> None:
    events = Events()
    events.started("c1", 15 * 3600 - 1)   # 2026-03-02 23:59:59 in Shanghai (15:59:59Z)
    facts = facts_of(events)
    assert facts is not None
    assert facts.buckets.hour == "2026-03-02T23:00:00+08:00"
    assert (facts.buckets.day, facts.buckets.week, facts.buckets.month) == ("2026-03-02", "2026-03-02", "2026-03-01")
