"""The demo stream: determinism, the event contract (events.md) and the features the metrics need."""

import inspect
import io
import itertools
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.demo.generator import generate_events, write_events
from server.demo.organisation import TEAM_CHANGE_AGENT_ID, TEAM_CHANGE_TEAM_ID

SHANGHAI = ZoneInfo("Asia/Shanghai")
CONVERSATIONS = 300
SEED = 1
DEFAULT_LATEST = datetime(2026, 11, 20, tzinfo=SHANGHAI)

STRING, INT, BOOL = str, int, bool
FIELDS = {
    "team.upserted": ({"team_id": STRING, "name": STRING}, {"parent_team_id": STRING}),
    "agent.upserted": ({"agent_id": STRING, "name": STRING, "team_id": STRING},
                       {"email": STRING, "hire_date": STRING, "active": BOOL}),
    "customer.upserted": ({"customer_id": STRING}, {"name": STRING, "phone": STRING, "email": STRING}),
    "conversation.started": ({"conversation_id": STRING, "channel": STRING, "customer_id": STRING},
                             {"category": STRING, "direction": STRING}),
    "conversation.queued": ({"conversation_id": STRING}, {"queue": STRING}),
    "conversation.assigned": ({"conversation_id": STRING, "agent_id": STRING}, {"transfer_id": STRING}),
    "conversation.transferred": ({"conversation_id": STRING, "transfer_id": STRING, "from_agent_id": STRING},
                                 {"to_agent_id": STRING, "to_queue": STRING}),
    "conversation.categorized": ({"conversation_id": STRING, "category": STRING}, {}),
    "message.sent": ({"conversation_id": STRING, "sender": STRING, "text": STRING},
                     {"agent_id": STRING, "message_id": STRING}),
    "conversation.ended": ({"conversation_id": STRING, "resolution": STRING}, {"disposition": STRING}),
    "kb.searched": ({"search_id": STRING, "agent_id": STRING, "query": STRING},
                    {"conversation_id": STRING, "results": INT}),
    "kb.article_opened": ({"article_id": STRING, "agent_id": STRING}, {"search_id": STRING, "conversation_id": STRING}),
    "feedback.submitted": ({"conversation_id": STRING}, {"csat": INT, "nps": INT, "resolved": BOOL, "comment": STRING}),
    "agent.status_changed": ({"agent_id": STRING, "status": STRING}, {}),
}
CHOICES = {
    "sender": {"customer", "agent", "bot", "system"},
    "resolution": {"resolved", "unresolved", "abandoned"},
    "status": {"online", "busy", "away", "offline"},
    "direction": {"inbound", "outbound"},
}
RANGES = {"csat": (1, 5), "nps": (0, 10), "results": (0, None)}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")
IDS = {"id", "team_id", "parent_team_id", "agent_id", "customer_id", "conversation_id", "transfer_id",
       "from_agent_id", "to_agent_id", "search_id", "article_id", "message_id"}


def contract_errors(event: dict) -> list[str]:
    """What events.md rejects in ``event``, as far as one event can tell."""
    errors = []
    for field in ("id", "type", "ts"):
        if not isinstance(event.get(field), str) or not event[field]:
            errors.append(f"{field} missing")
    if event.get("type") not in FIELDS:
        return errors + [f"unknown type {event.get('type')!r}"]
    if not TIMESTAMP.match(event["ts"]):
        errors.append(f"ts {event['ts']!r} is not RFC 3339 with an offset")
    required, optional = FIELDS[event["type"]]
    allowed = {**required, **optional, "source": STRING}
    for field, value in event.items():
        if field in ("id", "type", "ts"):
            continue
        if field not in allowed:
            errors.append(f"unexpected field {field}")
            continue
        kind = allowed[field]
        if value is None or (field in required and value == ""):
            errors.append(f"{field} is empty")
        elif type(value) is not kind:
            errors.append(f"{field} is {type(value).__name__}, not {kind.__name__}")
        elif field in CHOICES and value not in CHOICES[field]:
            errors.append(f"{field} {value!r} not allowed")
        elif field in RANGES and not (RANGES[field][0] <= value <= (RANGES[field][1] or value)):
            errors.append(f"{field} {value} out of range")
        elif field in IDS and not 1 <= len(value) <= 128:
            errors.append(f"{field} length")
    errors += [f"{field} missing" for field in required if field not in event]
    if event["type"] == "message.sent" and event.get("sender") == "agent" and "agent_id" not in event:
        errors.append("agent message without agent_id")
    if event["type"] == "agent.upserted" and "hire_date" in event:
        datetime.strptime(event["hire_date"], "%Y-%m-%d")
    return errors


def instant(event: dict) -> datetime:
    return datetime.fromisoformat(event["ts"])


def timelines(events: list[dict]) -> dict[str, list[dict]]:
    """Each conversation's events in timeline order (ts as an instant, then id)."""
    by_conversation: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        if "conversation_id" in event:
            by_conversation[event["conversation_id"]].append(event)
    for timeline in by_conversation.values():
        timeline.sort(key=lambda event: (instant(event), event["id"]))
    return by_conversation


def of_type(timeline: list[dict], event_type: str) -> list[dict]:
    return [event for event in timeline if event["type"] == event_type]


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return list(generate_events(CONVERSATIONS, SEED))


@pytest.fixture(scope="module")
def conversations(events: list[dict]) -> dict[str, list[dict]]:
    return timelines(events)


def test_same_seed_writes_identical_bytes(tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    count = write_events(first, CONVERSATIONS, SEED)
    assert write_events(str(second), CONVERSATIONS, SEED) == count
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    assert "售后一组" in lines[2]


def test_other_seed_gives_another_stream():
    one = [json.dumps(event, ensure_ascii=False) for event in generate_events(CONVERSATIONS, 1)]
    two = [json.dumps(event, ensure_ascii=False) for event in generate_events(CONVERSATIONS, 2)]
    assert one != two
    assert one[:6] == two[:6]


def test_write_events_to_stdout_is_utf8_json_lines(capsysbinary):
    count = write_events("-", 20, SEED)
    output = capsysbinary.readouterr().out
    lines = output.decode("utf-8").splitlines()
    assert len(lines) == count
    assert "客服中心" in lines[0]
    assert all(isinstance(json.loads(line), dict) for line in lines)


def test_write_events_to_an_open_text_file():
    buffer = io.StringIO()
    count = write_events(buffer, 20, SEED)
    assert buffer.getvalue().count("\n") == count


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_event_follows_the_contract(seed):
    events = list(generate_events(CONVERSATIONS, seed))
    problems = {event.get("id"): contract_errors(event) for event in events}
    assert {event_id: errors for event_id, errors in problems.items() if errors} == {}
    assert len({event["id"] for event in events}) == len(events)
    assert {event["source"] for event in events} == {"demo"}
    assert all(instant(event) <= DEFAULT_LATEST for event in events)


def test_the_ingestion_contract_reader_accepts_every_event():
    pytest.importorskip("sqlalchemy", reason="the ingestion package needs the project's dependencies")
    from server.ingestion.contract import Rejection, parse_event

    lines = io.BytesIO()
    write_events(lines, CONVERSATIONS, SEED)
    ingested_at_us = int(datetime(2026, 11, 23, tzinfo=SHANGHAI).timestamp()) * 1_000_000
    results = [parse_event(line, now_us=ingested_at_us) for line in lines.getvalue().splitlines()]
    assert [result for result in results if isinstance(result, Rejection)] == []


def test_ids_follow_the_naming_scheme(events):
    assert [event["id"] for event in events[:3]] == ["evt-000000001", "evt-000000002", "evt-000000003"]
    started = of_type(events, "conversation.started")
    assert {event["conversation_id"] for event in started} == {f"conv-{n:06d}" for n in range(1, CONVERSATIONS + 1)}
    assert all(event["search_id"].startswith("srch-") for event in of_type(events, "kb.searched"))
    assert all(event["transfer_id"].startswith("xfer-") for event in of_type(events, "conversation.transferred"))


def test_timestamps_are_mostly_local_with_some_utc(events):
    offsets = Counter("Z" if event["ts"].endswith("Z") else event["ts"][-6:] for event in events)
    assert set(offsets) == {"+08:00", "Z"}
    assert offsets["+08:00"] > 5 * offsets["Z"] > 0


def test_master_data_comes_first(events):
    types = [event["type"] for event in events]
    assert types[:6] == ["team.upserted"] * 6
    assert types[6:42] == ["agent.upserted"] * 36
    assert types[42:192] == ["customer.upserted"] * 150
    teams = {event["team_id"]: event for event in events[:6]}
    assert {team["name"] for team in teams.values()} >= {"售后一组", "售前组", "VIP服务组"}
    assert [team_id for team_id, team in teams.items() if "parent_team_id" not in team] == ["team-center"]
    customers = events[42:192]
    assert any(re.fullmatch(r"1[3-9]\d{9}", customer.get("phone", "")) for customer in customers)
    assert any("@" in customer.get("email", "") for customer in customers)
    assert any(len(customer.get("name", "")) >= 2 for customer in customers)


def test_references_point_to_known_master_data(events, conversations):
    agents = {event["agent_id"] for event in of_type(events, "agent.upserted")}
    customers = {event["customer_id"] for event in of_type(events, "customer.upserted")}
    teams = {event["team_id"] for event in of_type(events, "team.upserted")}
    used_agents = {event[field] for event in events for field in ("agent_id", "from_agent_id", "to_agent_id")
                   if field in event}
    assert used_agents <= agents
    assert {event["team_id"] for event in of_type(events, "agent.upserted")} <= teams
    assert {event["customer_id"] for event in of_type(events, "conversation.started")} <= customers
    for conversation_id, timeline in conversations.items():
        assert timeline[0]["type"] == "conversation.started", conversation_id


def test_conversation_lifecycles_are_consistent(conversations):
    searches = {}
    for timeline in conversations.values():
        transfers = {event["transfer_id"]: event for event in of_type(timeline, "conversation.transferred")}
        for assigned in of_type(timeline, "conversation.assigned"):
            if "transfer_id" in assigned:
                assert instant(assigned) >= instant(transfers[assigned["transfer_id"]])
        ends = of_type(timeline, "conversation.ended")
        for feedback in of_type(timeline, "feedback.submitted"):
            assert ends and instant(feedback) > instant(ends[0])
        if ends and ends[-1]["resolution"] == "abandoned":
            assert not of_type(timeline, "conversation.assigned")
        searches.update({event["search_id"]: event for event in of_type(timeline, "kb.searched")})
    for timeline in conversations.values():
        for opened in of_type(timeline, "kb.article_opened"):
            if "search_id" in opened and opened["search_id"] in searches:
                assert instant(opened) >= instant(searches[opened["search_id"]])


def test_stream_holds_every_feature_the_metrics_need(events, conversations):
    counts = Counter()
    for timeline in conversations.values():
        types = Counter(event["type"] for event in timeline)
        started = of_type(timeline, "conversation.started")[0]
        ends = of_type(timeline, "conversation.ended")
        senders = {event["sender"] for event in of_type(timeline, "message.sent")}
        human = types["conversation.queued"] or types["conversation.assigned"]
        transfer_ids = {event["transfer_id"] for event in of_type(timeline, "conversation.transferred")}
        accepted = {event.get("transfer_id") for event in of_type(timeline, "conversation.assigned")}
        feedback = of_type(timeline, "feedback.submitted")
        categorized = of_type(timeline, "conversation.categorized")
        counts["outbound"] += started.get("direction") == "outbound"
        counts["started re-sent"] += types["conversation.started"] > 1
        counts["open"] += not ends
        counts["self-service"] += bool(ends) and ends[-1]["resolution"] == "resolved" and not human and "bot" in senders
        counts["bot then human"] += "bot" in senders and bool(human)
        counts["abandoned in queue"] += bool(ends) and ends[-1]["resolution"] == "abandoned" and bool(human)
        counts["unresolved"] += bool(ends) and ends[-1]["resolution"] == "unresolved"
        counts["reopened"] += len(ends) > 1
        counts["categorized later"] += "category" not in started and bool(categorized)
        counts["uncategorized"] += "category" not in started and not categorized
        counts["recategorized"] += "category" in started and bool(categorized)
        counts["transfers accepted"] += len(transfer_ids & accepted)
        counts["transfers unaccepted"] += len(transfer_ids - accepted)
        counts["with feedback"] += bool(feedback)
        counts["late feedback"] += bool(feedback and ends) and (
            instant(feedback[0]) - instant(ends[0]) > timedelta(days=1))
        counts["re-rated feedback"] += len(feedback) > 1 and set(feedback[-1]) - {"id", "type", "ts", "source"} == {
            "conversation_id", "csat"}
    searches = of_type(events, "kb.searched")
    hit_ids = {event.get("search_id") for event in of_type(events, "kb.article_opened")}
    counts["searches"] = len({event["search_id"] for event in searches})
    counts["search hits"] = len({event["search_id"] for event in searches} & hit_ids)
    counts["searches re-sent"] = len(searches) - counts["searches"]
    counts["opens without search"] = sum("search_id" not in event for event in of_type(events, "kb.article_opened"))
    minimum = {
        "outbound": 3, "started re-sent": 1, "open": 1, "self-service": 25, "bot then human": 25,
        "abandoned in queue": 10, "unresolved": 30, "reopened": 2, "categorized later": 15, "uncategorized": 3,
        "recategorized": 1, "transfers accepted": 5, "transfers unaccepted": 1, "with feedback": 60,
        "late feedback": 3, "re-rated feedback": 3, "searches": 50, "search hits": 30, "searches re-sent": 1,
        "opens without search": 1,
    }
    assert {name: counts[name] for name in minimum if counts[name] < minimum[name]} == {}
    assert counts["searches"] - counts["search hits"] >= 10


def test_repeat_contacts_within_seven_days_in_the_same_category(conversations):
    contacts = defaultdict(list)
    for timeline in conversations.values():
        started = of_type(timeline, "conversation.started")[0]
        ends = of_type(timeline, "conversation.ended")
        categories = of_type(timeline, "conversation.categorized")
        category = categories[-1]["category"] if categories else started.get("category")
        contacts[started["customer_id"]].append((instant(started), instant(ends[-1]) if ends else None, category))
    repeated = sum(
        1 for history in contacts.values() for _, end, category in history
        if end is not None and any(end < start <= end + timedelta(days=7) and other == category
                                   for start, _, other in history)
    )
    assert sum(len(history) > 1 for history in contacts.values()) >= 40
    assert repeated >= 30


def test_agents_work_shifts_and_one_changes_team(events):
    statuses = Counter(event["status"] for event in of_type(events, "agent.status_changed"))
    assert set(statuses) == {"online", "busy", "away", "offline"}
    moves = [event for event in of_type(events, "agent.upserted") if event["agent_id"] == TEAM_CHANGE_AGENT_ID]
    assert [move["team_id"] for move in moves][-1] == TEAM_CHANGE_TEAM_ID
    assert len({move["team_id"] for move in moves}) == 2
    assert datetime(2026, 9, 5, tzinfo=SHANGHAI) < instant(moves[-1]) < datetime(2026, 9, 12, tzinfo=SHANGHAI)


def test_messages_are_chinese_and_come_from_every_sender(events):
    messages = of_type(events, "message.sent")
    assert {message["sender"] for message in messages} == {"customer", "agent", "bot", "system"}
    assert "你好，我的订单还没发货" in {message["text"] for message in messages}
    assert all(re.search(r"[\u4e00-\u9fff]", message["text"]) for message in messages)


def test_default_period_starts_2026_09_01_for_fourteen_days(events):
    starts = [instant(event).astimezone(SHANGHAI) for event in of_type(events, "conversation.started")]
    assert min(starts).date().isoformat() == "2026-09-01"
    assert max(starts) < datetime(2026, 9, 15, tzinfo=SHANGHAI)


def test_large_default_period_is_moved_to_end_by_2026_11_20():
    stream = generate_events(240_000, SEED)
    first = next(event for event in stream if event["type"] == "conversation.started")
    assert instant(first).astimezone(SHANGHAI).date().isoformat() == "2026-07-23"


def test_volume_peaks_by_hour_and_in_the_promotion():
    events = list(generate_events(1200, SEED, start=datetime(2026, 10, 29)))
    starts = [instant(event).astimezone(SHANGHAI) for event in of_type(events, "conversation.started")]
    by_hour = Counter(start.hour for start in starts)
    peak = sum(by_hour[hour] for hour in (10, 11, 14, 15, 16, 20, 21)) / 7
    night = sum(by_hour[hour] for hour in range(0, 7)) / 7
    assert peak > 8 * night
    by_day = Counter(start.date().isoformat() for start in starts)
    assert min(by_day) == "2026-10-29" and max(by_day) == "2026-11-11"
    before = sum(by_day[day] for day in ("2026-10-29", "2026-10-30", "2026-10-31")) / 3
    promotion = sum(by_day[f"2026-11-{day:02d}"] for day in range(1, 12)) / 11
    assert 1.8 * before < promotion < 3.5 * before
    assert by_day["2026-11-11"] == max(by_day.values())


def test_agents_answer_slower_in_the_promotion(conversations):
    intervals = defaultdict(list)
    for timeline in conversations.values():
        started = timeline[0]
        if started["channel"] == "email":
            continue
        period = "promotion" if 5 <= instant(started).astimezone(SHANGHAI).day <= 11 else "normal"
        human, block_start = False, None
        for event in timeline:
            human = human or event["type"] in ("conversation.queued", "conversation.assigned")
            if not human or event["type"] != "message.sent":
                continue
            if event["sender"] == "customer" and block_start is None:
                block_start = instant(event)
            elif event["sender"] == "agent" and block_start is not None:
                intervals[period].append((instant(event) - block_start).total_seconds())
                block_start = None
    mean = {period: sum(values) / len(values) for period, values in intervals.items()}
    assert mean["promotion"] > 1.3 * mean["normal"]


def test_the_stream_is_lazy():
    stream = generate_events(10_000_000, SEED)
    assert inspect.isgenerator(stream)
    head = list(itertools.islice(stream, 50))
    assert [event["type"] for event in head[:6]] == ["team.upserted"] * 6


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        next(generate_events(-1, SEED))


def test_demo_data_command_writes_the_same_stream(tmp_path) -> None:
    """`coachloop demo-data` writes exactly what write_events writes for the same seed."""
    out = tmp_path / "demo.jsonl"
    completed = subprocess.run(
        [sys.executable, "-m", "server.cli", "demo-data", "--conversations", "40", "--seed", "3", "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    expected = tmp_path / "expected.jsonl"
    count = write_events(str(expected), 40, 3)
    assert out.read_bytes() == expected.read_bytes()
    assert f"wrote {count} events" in completed.stderr
