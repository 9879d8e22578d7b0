"""What coaching keeps of quality inspection: each conversation's latest final score, from ``quality.scored``.

The ``qa_dimension_below`` condition reads the agent's mean score over the sweep's
lookback from here (until quality scores are a catalogue metric key, when the engine
answers instead). A conversation scored again replaces its score; one without an agent
or a score is not kept.
"""

from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.models import CoachingQaScore
from server.quality.events import ConversationScored

MINIMUM_SCORED = 5
"""Scored conversations an agent needs in the lookback before its mean is judged."""


async def on_conversation_scored(session: AsyncSession, event: ConversationScored) -> None:
    """Listener of ``quality.scored``: keep (or replace) the conversation's score; idempotent."""
    stored = await session.get(CoachingQaScore, event.conversation_id)
    if event.agent_id is None or event.score is None:
        if stored is not None:
            await session.delete(stored)
        return
    if stored is None:
        session.add(CoachingQaScore(
            conversation_id=event.conversation_id, agent_id=event.agent_id, team_id=event.team_id,
            score=event.score, scored_at_us=event.scored_at_us,
        ))
    elif event.scored_at_us >= stored.scored_at_us:
        stored.agent_id, stored.team_id, stored.score, stored.scored_at_us = event.agent_id, event.team_id, event.score, event.scored_at_us
    await session.flush()


async def mean_scores(session: AsyncSession, from_us: int, to_us: int) -> dict[str, tuple[float, int]]:
    """Agent → (mean score, scored conversations) over [from_us, to_us), agents with at least MINIMUM_SCORED only."""
    statement = (
        select(CoachingQaScore.agent_id, func.avg(CoachingQaScore.score), func.count())
        .where(CoachingQaScore.scored_at_us >= from_us, CoachingQaScore.scored_at_us < to_us)
        .group_by(CoachingQaScore.agent_id)
        .having(func.count() >= MINIMUM_SCORED)
    )
    return {agent: (float(mean), int(count)) for agent, mean, count in (await session.execute(statement)).all()}
