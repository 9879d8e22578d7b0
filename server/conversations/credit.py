"""Whose a conversation's numbers are: its final agent's, and that agent's team's at the end.

A conversation's CSAT, NPS and resolution are credited to its final agent and to the
team that agent belonged to when the conversation ended (as the metrics attribute
them). A reader whose only way to the conversation is ``own`` sees them when it is the
final agent; ``team`` when the credited team is one it leads; ``assigned`` when the
conversation is assigned to it for review; ``all`` always. Otherwise the conversation
is shown with those numbers withheld (null).
"""

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.conversations.summary import ConversationSummary
from server.org.teams import Membership, TeamDirectory
from server.org.models import AgentMembership
from server.reviews.models import ReviewAssignment

OPEN_END_US = 2**62
"""The instant an open conversation is credited at: its final agent's current team."""


async def _directory(session: AsyncSession, agent_ids: Iterable[str]) -> TeamDirectory:
    wanted = sorted(set(agent_ids))
    if not wanted:
        return TeamDirectory(())
    rows = (await session.execute(select(AgentMembership).where(AgentMembership.agent_id.in_(wanted)))).scalars().all()
    return TeamDirectory(Membership(row.agent_id, row.team_id, row.valid_from_us, row.event_id) for row in rows)


async def _reviewed(session: AsyncSession, reviewer_id: str, conversation_ids: list[str]) -> set[str]:
    statement = select(ReviewAssignment.conversation_id).where(
        ReviewAssignment.reviewer_id == reviewer_id, ReviewAssignment.conversation_id.in_(conversation_ids)
    )
    return set((await session.execute(statement)).scalars().all())


def credited_team(summary: ConversationSummary, directory: TeamDirectory) -> str | None:
    """The final agent's team when the conversation ended (its current team while open)."""
    ended_us = summary.ended_us if summary.ended_us is not None else OPEN_END_US
    return directory.team_at(summary.agent_id, ended_us)


async def withhold_uncredited(
    session: AsyncSession, scope: RowScope, summaries: list[ConversationSummary]
) -> list[ConversationSummary]:
    """``summaries`` with CSAT, NPS and resolution withheld where they are credited outside ``scope``."""
    if scope.has(Scope.ALL) or not summaries:
        return summaries
    directory = await _directory(session, [s.agent_id for s in summaries if s.agent_id]) if scope.has(Scope.TEAM) else None
    ids = [summary.conversation_id for summary in summaries]
    reviewed = await _reviewed(session, scope.subject, ids) if scope.has(Scope.ASSIGNED) else set()

    def credited(summary: ConversationSummary) -> bool:
        if scope.has(Scope.OWN) and summary.agent_id is not None and summary.agent_id == scope.subject:
            return True
        if directory is not None and credited_team(summary, directory) in scope.team_ids:
            return True
        return summary.conversation_id in reviewed

    return [summary if credited(summary) else replace(summary, csat=None, nps=None, resolution=None) for summary in summaries]
