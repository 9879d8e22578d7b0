"""Row scoping: which rows of each record type a principal's scopes reach, as SQL clauses.

Every repository builds its statements from these clauses, so a single object, a
list, a nested list, a search, a sort, a count and an aggregate all see the same rows.

- ``own``: an agent's own rows (the principal's subject is the agent id); of the
  conversations it took part in, every message but other agents'.
- ``team``: rows of agents whose current team is one the principal leads, or a sub-team of it;
  for the Agent record itself, also the agents who were once in such a team (their
  numbers from that time stay the team's, so their identity on those rows does too).
- ``assigned``: conversations assigned to the principal for review, and what hangs off them.
- ``all``: every row.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.policy import Scope
from server.conversations.models import ConversationEvent
from server.kernel.events import EventType
from server.org.models import Agent, AgentMembership, Team
from server.reviews.models import ReviewAssignment

ASSIGNED_EVENT = EventType.CONVERSATION_ASSIGNED
STARTED_EVENT = EventType.CONVERSATION_STARTED
AGENT_SENDER = "agent"


@dataclass(frozen=True)
class RowScope:
    """The scopes a principal has on one record type, with its team ids resolved."""

    obj: str
    scopes: frozenset[str]
    subject: str
    team_ids: frozenset[str] = frozenset()
    own_team_ids: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.scopes

    @property
    def unrestricted(self) -> bool:
        return Scope.ALL in self.scopes or Scope.AGGREGATE in self.scopes

    def has(self, scope: Scope) -> bool:
        return scope in self.scopes


async def led_team_ids(session: AsyncSession, roots: Iterable[str]) -> frozenset[str]:
    """The teams a principal leads (from its token) and every team below them."""
    root_ids = sorted(set(roots))
    if not root_ids:
        return frozenset()
    led = select(Team.team_id).where(Team.team_id.in_(root_ids)).cte("led_team", recursive=True)
    led = led.union(select(Team.team_id).join(led, Team.parent_team_id == led.c.team_id))
    found = (await session.execute(select(led.c.team_id))).scalars().all()
    return frozenset(found) | frozenset(root_ids)


async def own_team_ids(session: AsyncSession, agent_id: str) -> frozenset[str]:
    """The current team of the agent ``agent_id`` (empty when unknown)."""
    found = (await session.execute(select(Agent.team_id).where(Agent.agent_id == agent_id))).scalars().all()
    return frozenset(found)


def _assigned_conversation_ids(subject: str):  # noqa: ANN202  (a SQL subquery)
    return select(ReviewAssignment.conversation_id).where(ReviewAssignment.reviewer_id == subject)


def _team_agent_ids(team_ids: frozenset[str]):  # noqa: ANN202
    return select(Agent.agent_id).where(Agent.team_id.in_(sorted(team_ids)))


def team_member_ids(team_ids: frozenset[str]):  # noqa: ANN202
    """Agents who belong, or ever belonged, to one of ``team_ids`` (their ``agent.upserted`` history)."""
    teams = sorted(team_ids)
    return select(AgentMembership.agent_id).where(AgentMembership.team_id.in_(teams)).union(
        select(Agent.agent_id).where(Agent.team_id.in_(teams))
    )


def _conversations_of_agents(agent_ids) -> ColumnElement:  # noqa: ANN001
    return select(ConversationEvent.conversation_id).where(
        ConversationEvent.type == ASSIGNED_EVENT, ConversationEvent.agent_id.in_(agent_ids)
    )


def conversation_clause(scope: RowScope, conversation_id: ColumnElement) -> ColumnElement[bool]:
    """Conversations the scope reaches: those assigned to its agents or to it for review."""
    return _conversation_parts(scope, conversation_id, None)


def message_clause(scope: RowScope, conversation_id: ColumnElement, sender: ColumnElement, agent_id: ColumnElement) -> ColumnElement[bool]:
    """Messages of the conversations the scope reaches; through ``own`` alone, no other agent's messages.

    An agent who took part in a conversation reads the customer's, the bot's and its own
    messages (the context it needs), not those of the agents it was transferred to or from.
    """
    return _conversation_parts(scope, conversation_id, or_(sender != AGENT_SENDER, agent_id == scope.subject))


def _conversation_parts(
    scope: RowScope, conversation_id: ColumnElement, own_narrowing: ColumnElement[bool] | None
) -> ColumnElement[bool]:
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN):
        own = conversation_id.in_(_conversations_of_agents([scope.subject]))
        parts.append(own if own_narrowing is None else and_(own, own_narrowing))
    if scope.has(Scope.TEAM):
        parts.append(conversation_id.in_(_conversations_of_agents(_team_agent_ids(scope.team_ids))))
    if scope.has(Scope.ASSIGNED):
        parts.append(conversation_id.in_(_assigned_conversation_ids(scope.subject)))
    return or_(*parts) if parts else false()


def agent_clause(scope: RowScope, agent_id: ColumnElement) -> ColumnElement[bool]:
    """Agents the scope reaches: itself, its teams' agents, the agents of its review assignments."""
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN):
        parts.append(agent_id == scope.subject)
    if scope.has(Scope.TEAM) or scope.has(Scope.TEAM_AGGREGATE):
        # Former members too: the team's numbers still show them, from the time they were in it.
        parts.append(agent_id.in_(team_member_ids(scope.team_ids)))
    if scope.has(Scope.ASSIGNED):
        reviewed = select(ConversationEvent.agent_id).where(
            ConversationEvent.type == ASSIGNED_EVENT,
            ConversationEvent.conversation_id.in_(_assigned_conversation_ids(scope.subject)),
        )
        parts.append(agent_id.in_(reviewed))
    return or_(*parts) if parts else false()


def team_clause(scope: RowScope, team_id: ColumnElement) -> ColumnElement[bool]:
    """Teams the scope reaches: the led teams and their sub-teams, or the agent's own team."""
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.TEAM) or scope.has(Scope.TEAM_AGGREGATE):
        parts.append(team_id.in_(sorted(scope.team_ids)))
    if scope.has(Scope.OWN):
        parts.append(team_id.in_(sorted(scope.own_team_ids)))
    return or_(*parts) if parts else false()


def customer_clause(scope: RowScope, customer_id: ColumnElement) -> ColumnElement[bool]:
    """Customers of the conversations the scope reaches."""
    if scope.unrestricted:
        return true()
    conversations = select(ConversationEvent.customer_id).where(
        ConversationEvent.type == STARTED_EVENT,
        conversation_clause(scope, ConversationEvent.conversation_id),
    )
    return customer_id.in_(conversations)


def review_clause(scope: RowScope, reviewer_id: ColumnElement, conversation_id: ColumnElement) -> ColumnElement[bool]:
    """Review assignments the scope reaches: one's own, or those on the team's conversations."""
    if scope.unrestricted:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.has(Scope.OWN):
        parts.append(reviewer_id == scope.subject)
    if scope.has(Scope.TEAM):
        parts.append(conversation_id.in_(_conversations_of_agents(_team_agent_ids(scope.team_ids))))
    return or_(*parts) if parts else false()
