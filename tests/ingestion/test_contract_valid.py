"""Valid events: fields read and normalised, timestamps as instants, content compared by value."""

import hashlib
import json
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from server.ingestion.catalog import EVENT_TYPES
from server.ingestion.contract import Rejection
from server.ingestion.fields import normalise_label
from server.ingestion.jsontext import canonical_json, content_hash, decode_json
from tests.ingestion.events import MINIMAL, TS_US, event, parse, valid


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_minimal_event_of_each_type_is_valid(event_type: str) -> None:
    result = valid(event(event_type))
    assert (result.id, result.type, result.ts_us) == ("evt-1", event_type, TS_US)
    assert {name: result.fields[name] for name in MINIMAL[event_type]} == MINIMAL[event_type]


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        (" VIP客户 ", "vip客户"),
        ("\u3000Phone\u3000", "phone"),
        ("\t\n WeChat Mini-Program \u00a0", "wechat mini-program"),
        ("ÉCOLE Ä", "École Ä"),  # only ASCII A–Z are lower-cased
        ("ＡＢＣ", "ＡＢＣ"),  # full-width letters are not ASCII
        ("\u200bchat", "\u200bchat"),  # zero-width space is not white space
        ("a\u3000b", "a\u3000b"),  # inner white space kept
    ],
)
def test_labels_are_trimmed_and_ascii_lower_cased(text: str, normalised: str) -> None:
    assert normalise_label(text) == normalised
    started = valid(event("conversation.started", channel=text, category=text))
    assert (started.fields["channel"], started.fields["category"]) == (normalised, normalised)


def test_empty_category_at_start_means_no_category() -> None:
    assert valid(event("conversation.started", category=" \u3000")).fields["category"] is None
    assert valid(event("conversation.started", category="")).fields["category"] is None


def test_defaults_and_optional_nulls() -> None:
    started = valid(event("conversation.started", category=None, direction=None))
    agent = valid(event("agent.upserted", active=None, hire_date=None, email=None))
    assert (started.fields["direction"], started.fields["category"]) == ("inbound", None)
    assert (agent.fields["active"], agent.fields["hire_date"], agent.fields["email"]) == (True, None, None)


def test_typed_optional_fields() -> None:
    agent = valid(event("agent.upserted", hire_date="2024-02-29", active=False, email="wang@example.cn"))
    feedback = valid(event("feedback.submitted", csat=5, nps=0, resolved=False, comment="很满意"))
    message = valid(event("message.sent", sender="agent", agent_id="agent-7", message_id="m-1"))
    assert (agent.fields["hire_date"], agent.fields["active"]) == (date(2024, 2, 29), False)
    assert [feedback.fields[name] for name in ("csat", "nps", "resolved", "comment")] == [5, 0, False, "很满意"]
    assert (message.fields["agent_id"], message.fields["message_id"]) == ("agent-7", "m-1")
    assert valid(event("kb.searched", results=0)).fields["results"] == 0


@pytest.mark.parametrize(
    "ts",
    [
        "2026-03-02T09:15:00+08:00",
        "2026-03-02 09:15:00+08:00",
        "2026-03-02t01:15:00z",
        "2026-03-02T01:15:00Z",
        "2026-03-02T01:15:00.000000Z",
        "2026-03-02T01:15:00-00:00",
        "2026-03-01T20:15:00-05:00",
    ],
)
def test_timestamp_notations_give_the_same_instant(ts: str) -> None:
    assert valid(event("team.upserted", ts=ts)).ts_us == TS_US


def test_fraction_is_exact_microseconds() -> None:
    assert valid(event("team.upserted", ts="2026-03-02T01:15:00.5Z")).ts_us == TS_US + 500_000
    assert valid(event("team.upserted", ts="2026-03-02T01:15:00.000001Z")).ts_us == TS_US + 1


def test_explicit_default_zone_reads_timestamps_without_offset() -> None:
    local = event("team.upserted", ts="2026-03-02T09:15:00")
    assert valid(local, default_zone=ZoneInfo("Asia/Shanghai")).ts_us == TS_US
    assert valid(local, default_zone=ZoneInfo("UTC")).ts_us == TS_US + 8 * 3600 * 1_000_000
    with_offset = event("team.upserted", ts="2026-03-02T01:15:00Z")
    assert valid(with_offset, default_zone=ZoneInfo("Asia/Shanghai")).ts_us == TS_US


def test_unknown_members_are_kept() -> None:
    line = '{"id":"e","type":"team.upserted","ts":"2026-03-02T01:15:00Z","team_id":"t","name":"n","crm":{"tier":"金"}}'
    result = valid(line)
    assert result.original["crm"] == {"tier": "金"}
    assert result.payload == line
    assert json.loads(valid(json.loads(line)).payload)["crm"] == {"tier": "金"}


SAME_CONTENT: list[tuple[Any, Any]] = [
    (  # key order and ts notation
        '{"id":"e","type":"conversation.started","ts":"2026-03-02T09:15:00+08:00","conversation_id":"c","channel":"chat","customer_id":"u"}',
        '{"customer_id":"u","channel":"chat","conversation_id":"c","ts":"2026-03-02 01:15:00.000Z","type":"conversation.started","id":"e"}',
    ),
    (  # numbers by value, nested key order
        '{"id":"e","type":"team.upserted","ts":"2026-03-02T01:15:00Z","team_id":"t","name":"n","x":{"a":1,"b":[1.50,100]}}',
        '{"id":"e","type":"team.upserted","ts":"2026-03-02T01:15:00Z","team_id":"t","name":"n","x":{"b":[15e-1,1E2],"a":1.0}}',
    ),
    (  # a known optional member that is null counts as absent
        event("conversation.started", category=None),
        event("conversation.started"),
    ),
    (  # decoded object and JSON line
        event("feedback.submitted", csat=4, comment="好"),
        json.dumps(event("feedback.submitted", csat=4, comment="好")),
    ),
]

DIFFERENT_CONTENT: list[tuple[Any, Any]] = [
    (event("conversation.started", channel=" Chat"), event("conversation.started", channel="chat")),
    (event("team.upserted", x=1), event("team.upserted", x="1")),
    (event("team.upserted", x=None), event("team.upserted")),  # unknown members compare as they are
    (event("team.upserted", ts="2026-03-02T01:15:00Z"), event("team.upserted", ts="2026-03-02T01:15:00.000001Z")),
    (event("team.upserted", x=[1, 2]), event("team.upserted", x=[2, 1])),
]


@pytest.mark.parametrize(("first", "second"), SAME_CONTENT)
def test_same_content_has_the_same_hash(first: Any, second: Any) -> None:
    assert valid(first).content_hash == valid(second).content_hash


@pytest.mark.parametrize(("first", "second"), DIFFERENT_CONTENT)
def test_different_content_has_another_hash(first: Any, second: Any) -> None:
    assert valid(first).content_hash != valid(second).content_hash


@pytest.mark.parametrize(
    ("literal", "canonical"),
    [
        ("0", "0"), ("-0.0", "0"), ("1.50", "15e-1"), ("1E2", "100"), ("-0.001", "-1e-3"),
        ("12e30", "12" + "0" * 30), ("100000000000000000000", "1" + "0" * 20), ("1e5000", "1e5000"), ("-25e-5000", "-25e-5000"),
    ],
)
def test_numbers_are_written_by_exact_value(literal: str, canonical: str) -> None:
    line = f'{{"id":"e","type":"team.upserted","ts":"2026-03-02T01:15:00Z","team_id":"t","name":"n","x":{literal}}}'
    assert canonical_json(valid(line).original["x"]) == canonical


def test_canonical_json_sorts_members_by_code_point() -> None:
    assert canonical_json({"é": 1, "z": 2, "A": True, "a": None}) == '{"A":true,"a":null,"z":2,"é":1}'


PLAIN_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)


@given(PLAIN_JSON)
def test_the_fast_hash_of_decoded_json_is_that_of_the_canonical_text(value: Any) -> None:
    """Decoded JSON (no floats) is hashed by orjson when it can; it must hash the canonical text exactly."""
    expected = hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
    assert content_hash(value, may_hold_floats=False) == expected
    text = json.dumps(value, ensure_ascii=True)  # \u escapes, as an input line may carry them
    assert content_hash(decode_json(text), may_hold_floats=False) == expected


def test_decoded_objects_must_hold_plain_json_values() -> None:
    result = parse(event("team.upserted", x=float("nan")))
    assert isinstance(result, Rejection)
    assert [(error.field, error.code) for error in result.errors] == [("x", "invalid_value")]
