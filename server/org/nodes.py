"""Teams, agents and customers by key, for ``node(id:)`` and the root look-ups: scoped, refusals audited."""

from typing import Any

from server.authz.guards import load_visible
from server.org.loaders import AgentByIdLoader, CustomerByIdLoader, TeamByIdLoader
from server.org.repository import agent_exists, customer_exists, team_exists
from server.org.types import AgentType, CustomerType, TeamType
from server.kernel.relay import NodeType


async def load_team_node(context: Any, key: str) -> TeamType | None:
    """The team ``key`` if the caller may see it (FORBIDDEN without any Team scope)."""
    team = await load_visible(context, "Team", "team", TeamByIdLoader, team_exists, key)
    return TeamType.from_row(team) if team is not None else None


async def load_agent_node(context: Any, key: str) -> AgentType | None:
    """The agent ``key`` if the caller may see it (FORBIDDEN without any Agent scope)."""
    agent = await load_visible(context, "Agent", "agent", AgentByIdLoader, agent_exists, key)
    return AgentType.from_row(agent) if agent is not None else None


async def load_customer_node(context: Any, key: str) -> CustomerType | None:
    """The customer ``key`` if the caller may see it (FORBIDDEN without any Customer scope)."""
    row = await load_visible(context, "Customer", "customer", CustomerByIdLoader, customer_exists, key)
    return CustomerType.from_row(*row) if row is not None else None


NODE_TYPES = (
    NodeType("Team", load_team_node),
    NodeType("Agent", load_agent_node),
    NodeType("Customer", load_customer_node),
)
"""What ``node(id:)`` resolves for this feature (declared in module.py)."""
