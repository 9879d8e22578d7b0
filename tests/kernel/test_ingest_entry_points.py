"""Every ingest entry point runs the feature list's batch hooks, in its order, from a fresh interpreter.

Each entry point runs in a subprocess that imports nothing but the entry point (and
the hook recorder), so no import made by the test process can have set the hooks up.
The effects are checked too: the erased customer's message is erased again, and the
metric facts hold the conversation.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conversations.models import Message
from server.ingestion.hooks import declared_hooks
from server.metrics.models import metric_conversation
from server.retention.models import CustomerErasure
from tests.ingestion.events import event

ROOT = Path(__file__).resolve().parents[2]
ERASED = "cust-erased"
EVENTS = [
    event("conversation.started", "e-start", ts="2026-03-02T09:00:00Z", conversation_id="c-1", customer_id=ERASED),
    event("message.sent", "e-msg", ts="2026-03-02T09:01:00Z", conversation_id="c-1", sender="customer", text="我的手机 13812345678"),
    event("conversation.ended", "e-end", ts="2026-03-02T09:05:00Z", conversation_id="c-1", resolution="resolved"),
]
HOOK_ORDER = ["keep_erased_customers_erased", "sync_metrics", "queue_auto_qa", "track_alert_windows"]


def run_entry_point(mode: str, database_url: str, tmp_path: Path) -> list[str]:
    """Run ``mode`` in a fresh interpreter against ``database_url``; the hook calls it made, in order."""
    events_file, trace_file = tmp_path / "events.jsonl", tmp_path / "trace.json"
    events_file.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in EVENTS), encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment.update(COACHLOOP_DATABASE_URL=database_url, COACHLOOP_TIMEZONE="UTC", COACHLOOP_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "tests.kernel.hook_trace", mode, str(events_file), str(trace_file)],
        cwd=ROOT, env=environment, capture_output=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(trace_file.read_text(encoding="utf-8"))


async def erase(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    async with sessionmaker() as session:
        session.add(CustomerErasure(customer_id=ERASED, requested_by="test", erased_at_us=0))
        await session.commit()


async def stored(sessionmaker: async_sessionmaker[AsyncSession]) -> tuple[list[str | None], int]:
    """The texts of the stored messages and the number of conversations in the metric facts."""
    async with sessionmaker() as session:
        texts = list((await session.exec(select(Message.text))).scalars())
        facts = (await session.exec(select(func.count()).select_from(metric_conversation))).scalar_one()
    return texts, facts


def test_the_feature_list_declares_erasure_before_the_metric_facts_before_the_alert_windows() -> None:
    assert [declared.name for declared in declared_hooks()] == HOOK_ORDER


@pytest.mark.parametrize(
    ("mode", "expected_calls"),
    [
        ("service", HOOK_ORDER),
        ("graphql", HOOK_ORDER),
        # A file import defers the metric facts to one catch-up after its last batch.
        ("cli", ["keep_erased_customers_erased", "queue_auto_qa", "sync_metrics:catch-up", "track_alert_windows:catch-up"]),
    ],
)
async def test_each_entry_point_runs_the_declared_hooks_in_order(
    mode: str, expected_calls: list[str], database_url: str, sessionmaker: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await erase(sessionmaker)
    assert run_entry_point(mode, database_url, tmp_path) == expected_calls
    assert await stored(sessionmaker) == ([None], 1)


async def test_the_demo_activity_runs_the_declared_hooks_in_order(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    assert run_entry_point("demo-activity", database_url, tmp_path) == HOOK_ORDER
    _texts, facts = await stored(sessionmaker)
    assert facts == 2
