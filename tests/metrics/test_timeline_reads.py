"""Reading conversation timelines from storage: by a list of ids, and by a run of started ids read as one range."""

from dataclasses import astuple

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.metrics.repository import FactRepository
from server.metrics.timeline import ConversationTimeline
from tests.metrics.factory import Events
from tests.metrics.helpers import configure, ingest

# Mixed case, digits, CJK and a hyphen: the database's order of these ids need not be Python's.
STARTED_IDS = ["B-2", "a-1", "会话-甲", "会话-乙", "Z9", "z-10", "ä-3"]
NEVER_STARTED = ["a-2", "会话-丙", "y"]


def conversation_events() -> Events:
    events = Events()
    events.agent("a1", "t1")
    for offset, conversation in enumerate(STARTED_IDS):
        start = offset * 600
        events.started(conversation, start)
        events.assigned(conversation, start + 5, "a1")
        events.customer(conversation, start + 10)
        events.agent_says(conversation, start + 20, "a1")
        events.bot(conversation, start + 25)
        events.feedback(conversation, start + 60, csat=4)
    for offset, conversation in enumerate(NEVER_STARTED):  # events of conversations whose start never arrived
        events.customer(conversation, 10_000 + offset)
        events.ended(conversation, 10_100 + offset)
    return events


def comparable(timelines: dict[str, ConversationTimeline]) -> dict[str, tuple]:
    return {
        conversation: tuple(sorted(astuple(event) for event in events) for events in (t.lifecycle, t.transfers, t.messages, t.feedback))
        for conversation, t in timelines.items()
    }


async def test_runs_of_started_ids_read_as_ranges_give_the_timelines_read_by_id(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, conversation_events().items)
    async with transaction(sessionmaker) as session:
        repository = FactRepository(session)
        started = await repository.started_conversation_ids()
        by_id = await repository.timelines(STARTED_IDS)
        by_runs: dict[str, ConversationTimeline] = {}
        for start in range(0, len(started), 3):  # runs of three, so ranges end between the never-started ids
            by_runs.update(await repository.timelines_of_run(started[start : start + 3]))
        empty = await repository.timelines_of_run([])

    assert sorted(started) == sorted(STARTED_IDS)
    assert comparable(by_runs) == comparable(by_id)
    assert {conversation: [len(t.lifecycle), len(t.messages), len(t.feedback)] for conversation, t in by_runs.items()} == {
        conversation: [2, 2, 1] for conversation in STARTED_IDS  # started + assigned; customer + agent (bot not read); feedback
    }
    assert empty == {}
