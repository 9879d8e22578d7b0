"""Any arrival order and any batching give the same stored state (typed rows and current state)."""

import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.ingestion.service import InputItem, ingest_items
from tests.conftest import StorageTemplates
from tests.ingestion.state import INGESTION_TABLES, rows

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "timeline.jsonl"
LINES = FIXTURE.read_bytes().splitlines()
# The raw payload is the text of whichever same-content copy arrived first; everything else must match.
EVENT_COLUMNS = ("id", "type", "ts_us", "conversation_id", "content_hash")
NOW_US = 1_775_001_600_000_000  # 2026-04-01T00:00:00Z, after every event of the timeline


async def _state_after(database_url: str, lines: list[bytes], batch_size: int) -> dict[str, Any]:
    settings = Settings(database_url=database_url, demo=False)
    engine = create_engine(settings)
    try:
        sessionmaker = create_sessionmaker(engine)
        items = [InputItem(number, line) for number, line in enumerate(lines, start=1)]
        report = await ingest_items(sessionmaker, items, batch_size=batch_size, now_us=NOW_US)
        state: dict[str, Any] = {"counts": (report.accepted, report.duplicates, report.conflicts, report.rejected)}
        for name in INGESTION_TABLES:
            found = await rows(sessionmaker, name)
            state[name] = sorted(tuple(row[column] for column in EVENT_COLUMNS) for row in found) if name == "event" else found
        return state
    finally:
        await engine.dispose()


REFERENCES: dict[str, dict[str, Any]] = {}


async def _reference(backend: str, storage_templates: StorageTemplates) -> dict[str, Any]:
    """The state after the file in its own order, in one batch (computed once per backend)."""
    if backend not in REFERENCES:
        REFERENCES[backend] = await _state_after(storage_templates.fresh(backend), LINES, batch_size=len(LINES))
    return REFERENCES[backend]


@hypothesis_settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
async def test_shuffled_and_rebatched_input_gives_identical_state(
    seed: int, backend: str, storage_templates: StorageTemplates
) -> None:
    reference = await _reference(backend, storage_templates)
    assert reference["counts"] == (31, 2, 0, 0)
    shuffled = list(LINES)
    random.Random(seed).shuffle(shuffled)
    for batch_size in (1, 7, len(LINES)):
        assert await _state_after(storage_templates.fresh(backend), shuffled, batch_size) == reference


async def test_reference_state_of_the_timeline(backend: str, storage_templates: StorageTemplates) -> None:
    state = await _reference(backend, storage_templates)
    assert [(row["agent_id"], row["team_id"], row["name"], row["event_id"]) for row in state["agent"]] == [
        ("A", "T2", "张伟", "agent-a-2"),
        ("B", "T2", "李娜", "agent-b-1"),  # same ts: "agent-b-1" > "agent-b-0"
    ]
    assert [(row["team_id"], row["name"]) for row in state["team"]] == [("T1", "售前一组"), ("T2", "售后服务组")]
    assert [(row["name"], row["phone"], row["email"]) for row in state["customer_personal"]] == [
        ("陈先生", None, "chen@example.cn")
    ]
    started = {row["event_id"]: (row["channel"], row["category"], row["direction"]) for row in state["conversation_event"]
               if row["type"] == "conversation.started"}
    assert started == {
        "c1-start": ("chat", "退款", "inbound"),
        "c1-start-resent": ("chat", None, "inbound"),
        "c2-start": ("phone", None, "outbound"),
    }
    assert len(state["message"]) == 4 and len(state["kb_search"]) == 2 and len(state["agent_status"]) == 2
