"""Applying retention: personal data anonymised when due, the audit log purged, every metric unchanged."""

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry, AuditPurgeHorizon
from server.config import Settings
from server.conversations.models import Feedback, Message
from server.db import transaction
from server.ingestion.models import StoredEvent
from server.knowledge.models import KbSearch
from server.metrics.query import compute_metrics
from server.metrics.request import METRIC_KEYS, MetricsRequest
from server.org.models import CustomerPersonal
from server.retention.policy import DAY_US, load_retention_policy
from server.retention.scrub import PERSONAL_MEMBERS
from server.retention.service import apply_retention
from server.timefmt import now_us
from tests.retention.support import policies_with, seed_history


async def _metrics(session: AsyncSession, settings: Settings) -> list:
    rows = []
    for group_by in ([], ["agent"], ["channel", "day"]):
        found = await compute_metrics(session, MetricsRequest.of(group_by=group_by, metrics=METRIC_KEYS), settings=settings)
        rows.append([(row.dimensions, {key: value.value for key, value in row.values.items()}) for row in found])
    return rows


async def _state(session: AsyncSession) -> dict:
    messages = (await session.execute(select(Message.event_id, Message.text).order_by(Message.event_id))).all()
    customers = (await session.execute(select(CustomerPersonal.customer_id, CustomerPersonal.name, CustomerPersonal.phone).order_by(CustomerPersonal.customer_id))).all()
    comments = (await session.execute(select(Feedback.conversation_id, Feedback.comment).order_by(Feedback.conversation_id))).all()
    queries = (await session.execute(select(KbSearch.search_id, KbSearch.query))).all()
    raw = {row.id: json.loads(row.payload) for row in (await session.execute(select(StoredEvent))).scalars().all()}
    return {
        "messages": [tuple(row) for row in messages], "customers": [tuple(row) for row in customers],
        "comments": [tuple(row) for row in comments], "queries": [tuple(row) for row in queries],
        "raw_text": {event_id: payload.get("text") for event_id, payload in raw.items() if payload["type"] == "message.sent"},
        "raw_personal": {
            event_id: sorted(set(payload) & PERSONAL_MEMBERS[payload["type"]]) for event_id, payload in raw.items()
            if set(payload) & PERSONAL_MEMBERS.get(payload["type"], set()) and payload["type"] != "message.sent"
        },
    }


async def test_retention_anonymises_what_is_due_and_keeps_every_metric(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    now = now_us()
    await seed_history(sessionmaker, settings, now)
    async with transaction(sessionmaker) as session:
        session.add(AuditEntry(at_us=now - 1200 * DAY_US, request_id="ancient", actor="u1", actor_roles="hr", action="read",
                               object_type="Agent", subject_kind="agent", subject_id="a1", fields="[]"))
        session.add(AuditEntry(at_us=now - 10 * DAY_US, request_id="recent", actor="u1", actor_roles="hr", action="read",
                               object_type="Agent", subject_kind="agent", subject_id="a1", fields="[]"))
    async with sessionmaker() as session:
        metrics_before = await _metrics(session, settings)
    policy = load_retention_policy(settings.policies_dir)
    async with transaction(sessionmaker) as session:
        first = await apply_retention(session, policy, now_us=now)
    async with transaction(sessionmaker) as session:
        second = await apply_retention(session, policy, now_us=now)
    async with sessionmaker() as session:
        state = await _state(session)
        metrics_after = await _metrics(session, settings)
        audit = (await session.execute(select(AuditEntry.request_id, AuditEntry.action).order_by(AuditEntry.id))).all()
        horizon = (await session.execute(select(AuditPurgeHorizon.purge_before_us))).scalar_one()
    assert first.as_dict() == {
        "messages_anonymised": 2, "comments_anonymised": 1, "customers_anonymised": 1, "search_queries_anonymised": 1,
        "raw_events_scrubbed": 6, "audit_entries_purged": 1,
    }
    assert second.as_dict() == dict.fromkeys(first.as_dict(), 0)
    assert state == {
        "messages": [("new-m1", "new 我的手机号是13812345678"), ("new-m2", "new 已收到"), ("old-m1", None), ("old-m2", None)],
        "customers": [("c-new", "刘芳", "13987654321"), ("c-old", None, None)],
        "comments": [("new", "还行"), ("old", None)],
        "queries": [("s-old", "")],
        "raw_text": {"new-m1": "new 我的手机号是13812345678", "new-m2": "new 已收到", "old-m1": None, "old-m2": None},
        "raw_personal": {"new-fb": ["comment"]},
    }
    assert metrics_after == metrics_before
    assert [row for row in audit if row[1] != "retention"] == [("recent", "read")]
    assert [row[1] for row in audit].count("retention") == 2
    assert horizon == now - 1095 * DAY_US


async def test_kept_for_ever_when_the_policy_says_null(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, tmp_path: Path
) -> None:
    folder = policies_with(tmp_path, "message_text: {keep_days: null}\ncustomer_personal: {keep_days: null}\n"
                                     "raw_events: {keep_days: null}\naudit_log: {keep_days: null}\n")
    now = now_us()
    await seed_history(sessionmaker, settings, now)
    async with transaction(sessionmaker) as session:
        report = await apply_retention(session, load_retention_policy(folder), now_us=now)
    async with sessionmaker() as session:
        texts = (await session.execute(select(Message.text).order_by(Message.event_id))).scalars().all()
    assert set(report.as_dict().values()) == {0}
    assert texts == ["new 我的手机号是13812345678", "new 已收到", "old 我的手机号是13812345678", "old 已收到"]
