"""Ended conversations read for auto-QA: lifecycle, messages, latest feedback and the final agent's team, in a few statements."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conversations.models import ConversationEvent, Feedback, Message
from server.kernel.timeline import lifecycle
from server.org.models import AgentMembership
from server.org.teams import Membership, TeamDirectory
from server.quality.engine import ConversationRecord, MessageRecord

CHUNK = 500


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    ordered = sorted(set(ids))
    return [ordered[start:start + CHUNK] for start in range(0, len(ordered), CHUNK)]


async def _load_chunk(session: AsyncSession, ids: list[str]) -> list[ConversationRecord]:
    events: dict[str, list[ConversationEvent]] = defaultdict(list)
    for event in (await session.execute(select(ConversationEvent).where(ConversationEvent.conversation_id.in_(ids)))).scalars():
        events[event.conversation_id].append(event)
    messages: dict[str, list[Message]] = defaultdict(list)
    for message in (await session.execute(select(Message).where(Message.conversation_id.in_(ids)))).scalars():
        messages[message.conversation_id].append(message)
    feedback: dict[str, list[Feedback]] = defaultdict(list)
    for survey in (await session.execute(select(Feedback).where(Feedback.conversation_id.in_(ids)))).scalars():
        feedback[survey.conversation_id].append(survey)
    lives = {conversation_id: lifecycle(rows) for conversation_id, rows in events.items()}
    agents = {life.final_agent_id for life in lives.values() if life is not None and life.final_agent_id}
    memberships: list[AgentMembership] = list((
        await session.execute(select(AgentMembership).where(AgentMembership.agent_id.in_(sorted(agents))))
    ).scalars()) if agents else []
    directory = TeamDirectory(Membership(m.agent_id, m.team_id, m.valid_from_us, m.event_id) for m in memberships)
    records = []
    for conversation_id in ids:
        life = lives.get(conversation_id)
        if life is None or life.ended is None:
            continue
        surveys = sorted(feedback[conversation_id], key=lambda row: (row.ts_us, row.event_id))
        csat = [row.csat for row in surveys if row.csat is not None]
        said = [row.resolved for row in surveys if row.resolved is not None]
        resolution = life.ended.resolution
        resolved = said[-1] if said else (None if resolution is None else resolution == "resolved")
        assigned = life.assignments_until_end
        agent_id = life.final_agent_id
        end_us = life.ended.ts_us
        timeline = sorted(messages[conversation_id], key=lambda row: (row.ts_us, row.event_id))
        records.append(ConversationRecord(
            conversation_id=conversation_id,
            channel=life.started.channel,
            category=life.category,
            agent_id=agent_id,
            team_id=directory.team_at(agent_id, end_us),
            start_us=life.started.ts_us,
            end_us=end_us,
            messages=tuple(MessageRecord(m.event_id, m.sender, m.text or "", m.ts_us, m.message_id) for m in timeline),
            csat=csat[-1] if csat else None,
            resolved=resolved,
            handle_us=end_us - assigned[0].ts_us if assigned else None,
        ))
    return records


async def load_ended(session: AsyncSession, conversation_ids: Sequence[str]) -> list[ConversationRecord]:
    """The ended conversations among ``conversation_ids``, by id (the open and unknown ones left out)."""
    records: list[ConversationRecord] = []
    for chunk in _chunks(conversation_ids):
        records.extend(await _load_chunk(session, chunk))
    return records


async def ended_among(session: AsyncSession, conversation_ids: Sequence[str]) -> list[str]:
    """Which of ``conversation_ids`` have a ``conversation.ended`` stored."""
    found: set[str] = set()
    for chunk in _chunks(conversation_ids):
        statement = select(ConversationEvent.conversation_id).where(
            ConversationEvent.conversation_id.in_(chunk), ConversationEvent.type == "conversation.ended"
        ).distinct()
        found.update((await session.execute(statement)).scalars())
    return sorted(found)
