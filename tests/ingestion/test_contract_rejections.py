"""Every rule of the event contract, one bad event each: the exact offending fields and codes."""

import json
from typing import Any

import pytest

from server.ingestion.codes import RejectionCode as C
from server.ingestion.contract import Rejection
from tests.ingestion.events import NOW_US, event, parse

HOUR_US = 3600 * 1_000_000
LONG_ID = "x" * 129

# (raw, expected [(field, code)]) — a dict is checked as a decoded object AND as a JSON line;
# a str/bytes is a JSON line whose literal form matters.
CASES: dict[str, tuple[Any, list[tuple[str | None, C]]]] = {
    # whole line
    "invalid utf-8": (b'{"id":"a","text":"\xff"}', [(None, C.INVALID_UTF8)]),
    "truncated json": ('{"id": "a",', [(None, C.INVALID_JSON)]),
    "trailing garbage": ('{"id": "a"} x', [(None, C.INVALID_JSON)]),
    "NaN": ('{"id": "a", "x": NaN}', [(None, C.INVALID_JSON)]),
    "Infinity": ('{"id": "a", "x": -Infinity}', [(None, C.INVALID_JSON)]),
    "array": ("[1, 2]", [(None, C.NOT_AN_OBJECT)]),
    "string": ('"conversation.started"', [(None, C.NOT_AN_OBJECT)]),
    "null": ("null", [(None, C.NOT_AN_OBJECT)]),
    "repeated member": ('{"id": "a", "id": "b"}', [("id", C.DUPLICATE_MEMBER)]),
    # common fields
    "id absent": (event("team.upserted", id=...), [("id", C.MISSING)]),
    "id null": (event("team.upserted", event_id=None), [("id", C.MISSING)]),
    "id empty": (event("team.upserted", event_id=""), [("id", C.MISSING)]),
    "id too long": (event("team.upserted", event_id=LONG_ID), [("id", C.OUT_OF_RANGE)]),
    "id number": (event("team.upserted", event_id=17), [("id", C.WRONG_TYPE)]),
    "type absent": ({"id": "a", "ts": "2026-03-02T01:00:00Z"}, [("type", C.MISSING)]),
    "type number": ({"id": "a", "type": 3, "ts": "2026-03-02T01:00:00Z"}, [("type", C.WRONG_TYPE)]),
    "type unknown": ({"id": "a", "type": "conversation.deleted", "ts": "2026-03-02T01:00:00Z"}, [("type", C.UNKNOWN_TYPE)]),
    "ts absent": (event("team.upserted", ts=...), [("ts", C.MISSING)]),
    "ts empty": (event("team.upserted", ts=""), [("ts", C.MISSING)]),
    "ts epoch number": (event("team.upserted", ts=1772414100), [("ts", C.WRONG_TYPE)]),
    "ts without offset": (event("team.upserted", ts="2026-03-02T09:15:00"), [("ts", C.TIMESTAMP_WITHOUT_OFFSET)]),
    "ts date only": (event("team.upserted", ts="2026-03-02"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts 7 fraction digits": (event("team.upserted", ts="2026-03-02T09:15:00.1234567Z"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts impossible day": (event("team.upserted", ts="2026-02-30T09:15:00Z"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts hour 24": (event("team.upserted", ts="2026-03-02T24:00:00Z"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts leap second": (event("team.upserted", ts="2026-06-30T23:59:60Z"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts offset 24h": (event("team.upserted", ts="2026-03-02T09:15:00+24:00"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts offset without colon": (event("team.upserted", ts="2026-03-02T09:15:00+0800"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts slashes": (event("team.upserted", ts="2026/03/02 09:15:00Z"), [("ts", C.INVALID_TIMESTAMP)]),
    "ts 24h and 1us ahead": (
        event("team.upserted", ts="2026-03-03T12:00:00.000001Z"), [("ts", C.TIMESTAMP_IN_FUTURE)]
    ),
    "source number": (event("team.upserted", source=5), [("source", C.WRONG_TYPE)]),
    # strings: empty required, empty optional id, NUL, lone surrogate
    "name empty": (event("team.upserted", name=""), [("name", C.MISSING)]),
    "name null": (event("team.upserted", name=None), [("name", C.MISSING)]),
    "optional id empty": (event("team.upserted", parent_team_id=""), [("parent_team_id", C.OUT_OF_RANGE)]),
    "optional id too long": (event("conversation.assigned", transfer_id=LONG_ID), [("transfer_id", C.OUT_OF_RANGE)]),
    "text with NUL": (event("message.sent", text="a\u0000b"), [("text", C.INVALID_VALUE)]),
    "lone surrogate": ('{"id":"a","type":"team.upserted","ts":"2026-03-02T01:00:00Z","team_id":"t","name":"\\ud800"}', [("name", C.INVALID_VALUE)]),
    "lone surrogate in unknown member": (
        '{"id":"a","type":"team.upserted","ts":"2026-03-02T01:00:00Z","team_id":"t","name":"n","extra":["\\udc00"]}',
        [("extra", C.INVALID_VALUE)],
    ),
    # agent / customer
    "agent without team": (event("agent.upserted", team_id=...), [("team_id", C.MISSING)]),
    "hire_date not padded": (event("agent.upserted", hire_date="2026-3-2"), [("hire_date", C.INVALID_VALUE)]),
    "hire_date impossible": (event("agent.upserted", hire_date="2026-02-30"), [("hire_date", C.INVALID_VALUE)]),
    "hire_date with time": (event("agent.upserted", hire_date="2026-03-02T00:00:00Z"), [("hire_date", C.INVALID_VALUE)]),
    "hire_date number": (event("agent.upserted", hire_date=20260302), [("hire_date", C.WRONG_TYPE)]),
    "active string": (event("agent.upserted", active="true"), [("active", C.WRONG_TYPE)]),
    "active 1": (event("agent.upserted", active=1), [("active", C.WRONG_TYPE)]),
    "customer id null": (event("customer.upserted", customer_id=None), [("customer_id", C.MISSING)]),
    "phone number": (event("customer.upserted", phone=13800138000), [("phone", C.WRONG_TYPE)]),
    # conversation lifecycle
    "channel blank": (event("conversation.started", channel=" \u3000\t"), [("channel", C.MISSING)]),
    "channel absent": (event("conversation.started", channel=...), [("channel", C.MISSING)]),
    "channel number": (event("conversation.started", channel=3), [("channel", C.WRONG_TYPE)]),
    "channel too long": (event("conversation.started", channel="c" * 129), [("channel", C.OUT_OF_RANGE)]),
    "category number": (event("conversation.started", category=5), [("category", C.WRONG_TYPE)]),
    "direction unknown": (event("conversation.started", direction="in"), [("direction", C.INVALID_VALUE)]),
    "direction upper case": (event("conversation.started", direction="INBOUND"), [("direction", C.INVALID_VALUE)]),
    "started without customer": (event("conversation.started", customer_id=...), [("customer_id", C.MISSING)]),
    "queue too long": (event("conversation.queued", queue="q" * 129), [("queue", C.OUT_OF_RANGE)]),
    "assigned without agent": (event("conversation.assigned", agent_id=...), [("agent_id", C.MISSING)]),
    "transfer without ids": (
        event("conversation.transferred", transfer_id=..., from_agent_id=""),
        [("transfer_id", C.MISSING), ("from_agent_id", C.MISSING)],
    ),
    "categorized empty": (event("conversation.categorized", category=""), [("category", C.MISSING)]),
    "categorized blank": (event("conversation.categorized", category="\u3000 "), [("category", C.MISSING)]),
    "resolution unknown": (event("conversation.ended", resolution="closed"), [("resolution", C.INVALID_VALUE)]),
    "resolution absent": (event("conversation.ended", resolution=...), [("resolution", C.MISSING)]),
    # messages
    "sender unknown": (event("message.sent", sender="robot"), [("sender", C.INVALID_VALUE)]),
    "agent message without agent": (event("message.sent", sender="agent"), [("agent_id", C.MISSING)]),
    "agent message with null agent": (event("message.sent", sender="agent", agent_id=None), [("agent_id", C.MISSING)]),
    "message text empty": (event("message.sent", text=""), [("text", C.MISSING)]),
    "message without conversation": (event("message.sent", conversation_id=...), [("conversation_id", C.MISSING)]),
    # knowledge base
    "results negative": (event("kb.searched", results=-1), [("results", C.OUT_OF_RANGE)]),
    "results beyond int32": (event("kb.searched", results=2**31), [("results", C.OUT_OF_RANGE)]),
    "results string": (event("kb.searched", results="3"), [("results", C.WRONG_TYPE)]),
    "results fraction": (event("kb.searched", results=2.0), [("results", C.WRONG_TYPE)]),
    "results exponent literal": (
        '{"id":"a","type":"kb.searched","ts":"2026-03-02T01:00:00Z","search_id":"s","agent_id":"g","query":"q","results":2e0}',
        [("results", C.WRONG_TYPE)],
    ),
    "query absent": (event("kb.searched", query=...), [("query", C.MISSING)]),
    "article absent": (event("kb.article_opened", article_id=...), [("article_id", C.MISSING)]),
    # feedback
    "csat 0": (event("feedback.submitted", csat=0), [("csat", C.OUT_OF_RANGE)]),
    "csat 6": (event("feedback.submitted", csat=6), [("csat", C.OUT_OF_RANGE)]),
    "csat 4.0": (event("feedback.submitted", csat=4.0), [("csat", C.WRONG_TYPE)]),
    "csat 4.0 literal": (
        '{"id":"a","type":"feedback.submitted","ts":"2026-03-02T01:00:00Z","conversation_id":"c","csat":4.0}',
        [("csat", C.WRONG_TYPE)],
    ),
    "csat string": (event("feedback.submitted", csat="4"), [("csat", C.WRONG_TYPE)]),
    "csat true": (event("feedback.submitted", csat=True), [("csat", C.WRONG_TYPE)]),
    "nps 11": (event("feedback.submitted", nps=11), [("nps", C.OUT_OF_RANGE)]),
    "nps -1": (event("feedback.submitted", nps=-1), [("nps", C.OUT_OF_RANGE)]),
    "resolved string": (event("feedback.submitted", resolved="yes"), [("resolved", C.WRONG_TYPE)]),
    "comment number": (event("feedback.submitted", comment=5), [("comment", C.WRONG_TYPE)]),
    "every offending field": (
        event("feedback.submitted", conversation_id=..., csat=6, nps="9", resolved=0),
        [("conversation_id", C.MISSING), ("csat", C.OUT_OF_RANGE), ("nps", C.WRONG_TYPE), ("resolved", C.WRONG_TYPE)],
    ),
    # agent status
    "status unknown": (event("agent.status_changed", status="lunch"), [("status", C.INVALID_VALUE)]),
}


def _transports(raw: Any) -> list[Any]:
    return [raw, json.dumps(raw, ensure_ascii=False)] if isinstance(raw, dict) else [raw]


@pytest.mark.parametrize(("raw", "expected"), CASES.values(), ids=CASES.keys())
def test_bad_event_is_rejected_with_its_fields_and_codes(raw: Any, expected: list[tuple[str | None, C]]) -> None:
    for transport in _transports(raw):
        result = parse(transport)
        assert isinstance(result, Rejection), transport
        assert [(error.field, error.code) for error in result.errors] == expected
        assert all(error.message for error in result.errors)


def test_rejection_reports_the_event_id_when_there_is_one() -> None:
    rejected = parse(event("feedback.submitted", event_id="fb-九", csat=9))
    unreadable = parse('{"id": "fb-1", ')
    assert isinstance(rejected, Rejection) and rejected.id == "fb-九"
    assert isinstance(unreadable, Rejection) and unreadable.id is None


def test_future_limit_is_24_hours_after_the_ingestion_moment() -> None:
    at_limit = parse(event("team.upserted", ts="2026-03-03T12:00:00Z"))
    assert not isinstance(at_limit, Rejection)
    assert at_limit.ts_us == NOW_US + 24 * HOUR_US


def test_messages_are_english_and_name_the_field() -> None:
    result = parse(event("feedback.submitted", csat=6))
    assert isinstance(result, Rejection)
    assert result.errors[0].message == "'csat' must be from 1 to 5, got 6"
