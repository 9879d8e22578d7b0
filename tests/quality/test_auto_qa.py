"""Auto-QA after commit: the ingest batch only records what to score; the intent scores, stores findings and the fact,
publishes the domain events and writes the outbox entry."""

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

import server.features
from server.config import Settings
from server.ingestion.service import ingest_events
from server.intents.models import Intent
from server.kernel.feature import Feature, Listener
from server.notifications.models import OutboxEntry
from server.quality.models import QaConversationFact, QaFinding, QaReview
from tests.quality.ingest import DIRECTORY, chat, complete_pending

RISKY = [
    ("customer", "这个理财安全吗", 0),
    ("agent", "您好，很高兴为您服务", 5),
    ("agent", "这款产品绝 对 保 本，您放心", 10),
    ("agent", "请问还有其他问题吗", 20),
    ("agent", "感谢您的咨询，再见", 25),
]
CAREFUL = [
    ("customer", "这个理财安全吗", 0),
    ("agent", "您好，很高兴为您服务", 5),
    ("agent", "我们不能承诺绝对保本，请您了解风险", 10),
    ("agent", "请问还有其他问题吗", 20),
    ("agent", "感谢您的咨询，再见", 25),
]
SEEN: list[object] = []


async def remember(_session: AsyncSession, event: object) -> None:
    SEEN.append(event)


@pytest.fixture
def listening(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    SEEN.clear()
    probe = Feature(name="probe", listeners=(
        Listener("quality.scored", remember), Listener("quality.finding", remember),
    ))
    monkeypatch.setattr(server.features, "FEATURES", [*server.features.FEATURES, probe])
    return SEEN


async def test_scored_after_commit_flagged_on_the_right_message(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, listening: list[object]) -> None:
    events = DIRECTORY + chat("risky", RISKY, csat=5) + chat("careful", CAREFUL, csat=5) + chat("open", RISKY[:2], end=None)
    await ingest_events(sessionmaker, events, settings=settings)
    async with sessionmaker() as session:
        assert (await session.execute(select(QaReview))).scalars().all() == []
        [intent] = (await session.execute(select(Intent).where(Intent.kind == "quality.score"))).scalars().all()
        assert intent.payload == '{"conversation_ids":["careful","risky"]}'
    assert await complete_pending(sessionmaker, settings) == 1
    async with sessionmaker() as session:
        reviews = {r.conversation_id: r for r in (await session.execute(select(QaReview))).scalars()}
        assert sorted(reviews) == ["careful", "risky"]
        risky, careful = reviews["risky"], reviews["careful"]
        assert (risky.critical_failed, risky.score_milli, risky.compliance_violations) == (True, 0, 1)
        # careful: every rule clean; csat 5 → 1; resolved → 1; handle 1 s → 59 s within 30–1200 s → 100
        assert (careful.critical_failed, careful.score_milli, careful.compliance_violations) == (False, 100_000, 0)
        [finding] = (await session.execute(select(QaFinding).where(QaFinding.compliance.is_(True)))).scalars().all()  # type: ignore[attr-defined]
        assert (finding.conversation_id, finding.message_event_id, finding.span_start, finding.span_end, finding.excerpt) == (
            "risky", "risky-m3", 4, 11, "绝 对 保 本"
        )
        facts = {f.conversation_id: f for f in (await session.execute(select(QaConversationFact))).scalars()}
        assert {k: (f.team_id, f.score_milli, f.compliance_violation) for k, f in facts.items()} == {
            "risky": ("team-1", 0, True), "careful": ("team-1", 100_000, False),
        }
        [entry] = (await session.execute(select(OutboxEntry).where(OutboxEntry.kind == "qa.finding"))).scalars().all()
        assert (entry.subject_id, entry.dedup_key) == ("risky", f"qa.finding:{risky.review_id}")
    kinds = sorted((type(e).__name__, e.conversation_id) for e in listening)
    assert kinds == [("ComplianceFinding", "risky"), ("ConversationScored", "careful"), ("ConversationScored", "risky")]


async def test_a_reopened_conversation_is_scored_again(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest_events(sessionmaker, DIRECTORY + chat("c", CAREFUL), settings=settings)
    await complete_pending(sessionmaker, settings)
    more = chat("c", [("customer", "还有一个问题", 70), ("agent", "您好，请讲", 75)], end=None)[2:]
    await ingest_events(sessionmaker, more, settings=settings)
    await complete_pending(sessionmaker, settings)
    async with sessionmaker() as session:
        reviews = (await session.execute(select(QaReview).order_by(QaReview.created_at_us))).scalars().all()
        assert [r.kind for r in reviews] == ["auto", "auto"]
        fact = await session.get(QaConversationFact, "c")
        assert fact is not None and fact.review_id == reviews[-1].review_id
