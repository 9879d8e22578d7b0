"""Links from metric answers to the agents and teams they are about, through the org feature's dataloaders.

A row names an agent by its key only where the caller sees individuals; the object
itself then comes through ``AgentByIdLoader``/``TeamByIdLoader``, so the org feature's
row scope decides once more whether the caller may see it (null when not).
"""

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from server.kernel.relay import to_global_id
from server.org import types as org_types
from server.org.loaders import AgentByIdLoader, TeamByIdLoader

if TYPE_CHECKING:
    from server.org.types import AgentType, TeamType

LazyAgent = Annotated["AgentType", strawberry.lazy("server.org.types")]
LazyTeam = Annotated["TeamType", strawberry.lazy("server.org.types")]

AGENT_ID_DESCRIPTION = (
    "Global id of the agent; null when not grouped by agent or when the caller sees agents only as pseudonyms. / "
    "坐席的全局 ID；未按坐席分组或调用者只能看到化名时为空。"
)
AGENT_DESCRIPTION = (
    "The agent, when the caller may see it (never for aggregate-only access). / 坐席（调用者可见时；仅汇总权限时始终为空）。"
)
TEAM_ID_DESCRIPTION = "Global id of the team; null when not grouped by team or for agents without one. / 团队的全局 ID。"
TEAM_DESCRIPTION = "The team, when the caller may see it. / 团队（调用者可见时）。"


def agent_global_id(key: str | None) -> strawberry.ID | None:
    return None if key is None else to_global_id("Agent", key)


def team_global_id(key: str | None) -> strawberry.ID | None:
    return None if key is None else to_global_id("Team", key)


async def load_agent(context: Any, key: str | None) -> "AgentType | None":
    """The agent ``key`` as the caller may see it (one batched, scoped statement per request)."""
    if key is None:
        return None
    agent = await context.loader(AgentByIdLoader).load(key)
    return org_types.AgentType.from_row(agent) if agent else None


async def load_team(context: Any, key: str | None) -> "TeamType | None":
    """The team ``key`` as the caller may see it (one batched, scoped statement per request)."""
    if key is None:
        return None
    team = await context.loader(TeamByIdLoader).load(key)
    return org_types.TeamType.from_row(team) if team else None
