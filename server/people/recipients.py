"""Who a notification is for: every recipient rule in one place, with a fallback so nobody is addressed to no one.

- ``ManagersOf(T)``: the active users who lead T or a team above it (leading a team means leading its sub-teams).
- ``ReviewersOf(P)``: the active members of QA reviewer pool P.
- ``RecordOwner(U)``: the owner a feature names for its record (user U), when active.
- ``TheAgent(A)``: the active user linked to agent A.
- ``HumanResources()``: the active users with the ``hr`` role.
- ``Administrators()``: the active users with the ``admin`` role.

When the rules together find nobody, the active administrators get it and a warning is logged.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.org.models import Team
from server.people.models import DirectoryUser, ReviewerPoolMember, TeamLead
from server.people.repository import DirectoryRepository

logger = logging.getLogger(__name__)

FALLBACK_ROLE = "admin"
HR_ROLE = "hr"


@dataclass(frozen=True)
class ManagersOf:
    team_id: str


@dataclass(frozen=True)
class ReviewersOf:
    pool: str


@dataclass(frozen=True)
class RecordOwner:
    user_id: str


@dataclass(frozen=True)
class TheAgent:
    agent_id: str


@dataclass(frozen=True)
class HumanResources:
    pass


@dataclass(frozen=True)
class Administrators:
    pass


RecipientRule = ManagersOf | ReviewersOf | RecordOwner | TheAgent | HumanResources | Administrators


@dataclass(frozen=True)
class Recipients:
    """The users found, sorted; ``fallback`` when no rule matched and administrators stand in."""

    user_ids: tuple[str, ...]
    fallback: bool = False


async def team_and_ancestors(session: AsyncSession, team_id: str) -> set[str]:
    """``team_id`` and every team above it (a cycle in the parents stops, not loops)."""
    chain = select(Team.team_id, Team.parent_team_id).where(Team.team_id == team_id).cte("team_chain", recursive=True)
    chain = chain.union(select(Team.team_id, Team.parent_team_id).join(chain, Team.team_id == chain.c.parent_team_id))
    return {team_id, *(await session.execute(select(chain.c.team_id))).scalars().all()}


def _active(statement, user_column):  # noqa: ANN001, ANN202  (a select narrowed to active users)
    return statement.join(DirectoryUser, DirectoryUser.user_id == user_column).where(DirectoryUser.active.is_(True))


async def _matching(session: AsyncSession, rule: RecipientRule) -> set[str]:
    if isinstance(rule, ManagersOf):
        teams = sorted(await team_and_ancestors(session, rule.team_id))
        statement = _active(select(TeamLead.user_id), TeamLead.user_id).where(TeamLead.team_id.in_(teams))
    elif isinstance(rule, ReviewersOf):
        statement = _active(select(ReviewerPoolMember.user_id), ReviewerPoolMember.user_id).where(
            ReviewerPoolMember.pool == rule.pool
        )
    elif isinstance(rule, RecordOwner):
        statement = select(DirectoryUser.user_id).where(DirectoryUser.user_id == rule.user_id, DirectoryUser.active.is_(True))
    elif isinstance(rule, TheAgent):
        statement = select(DirectoryUser.user_id).where(DirectoryUser.agent_id == rule.agent_id, DirectoryUser.active.is_(True))
    elif isinstance(rule, Administrators):
        return set(await DirectoryRepository(session).active_ids_with_role([FALLBACK_ROLE]))
    else:
        return set(await DirectoryRepository(session).active_ids_with_role([HR_ROLE]))
    return set((await session.execute(statement)).scalars().all())


async def resolve_recipients(session: AsyncSession, rules: Sequence[RecipientRule]) -> Recipients:
    """The users ``rules`` reach together; the administrators (and a warning) when they reach nobody."""
    found: set[str] = set()
    for rule in rules:
        found |= await _matching(session, rule)
    if found:
        return Recipients(tuple(sorted(found)))
    admins = await DirectoryRepository(session).active_ids_with_role([FALLBACK_ROLE])
    logger.warning("no recipient for %s; sent to the administrators %s", list(rules), admins)
    if not admins:
        logger.error("no recipient for %s and no active administrator: nobody is told", list(rules))
    return Recipients(tuple(admins), fallback=True)
