"""Who has the most room to improve first contact resolution, in conversations to gain.

For each agent in a team (the team at each conversation's end, as the engine
attributes it), the benchmark is the upper quartile (linear interpolation) of the FCR
rates of that team's agents with at least ``minimum_conversations`` conversations in
the FCR population (handled, repeat window closed). Gap = max(0, benchmark − the
agent's rate); conversations to gain = gap × the agent's FCR population.
"""

from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.metrics.api import Dimension, MetricScope, MetricValue, MetricsRequest, compute_metrics

FCR = "fcr_rate"
BENCHMARK_QUANTILE = 75
DEFAULT_MINIMUM_CONVERSATIONS = 30


@dataclass(frozen=True)
class FcrRoomEntry:
    rank: int
    agent_id: str
    team_id: str | None
    fcr: MetricValue
    benchmark: float
    gap: float
    conversations_to_gain: float


async def fcr_room_ranking(
    session: AsyncSession,
    request: MetricsRequest,
    *,
    settings: Settings,
    scope: MetricScope | None = None,
    minimum_conversations: int = DEFAULT_MINIMUM_CONVERSATIONS,
) -> list[FcrRoomEntry]:
    """Agents by conversations to gain, most first; ties by gap, then agent and team id."""
    grouped = replace(request, group_by=(Dimension.AGENT, Dimension.TEAM), metrics=(FCR,))
    rows = await compute_metrics(session, grouped, settings=settings, scope=scope)
    teams: dict[str | None, list[tuple[str, MetricValue]]] = defaultdict(list)
    for row in rows:
        value, agent_id = row.values[FCR], row.dimensions["agent_id"]
        if agent_id is not None and value.value is not None and value.sample_size >= minimum_conversations:
            teams[row.dimensions["team_id"]].append((agent_id, value))
    found = []
    for team_id, members in teams.items():
        benchmark = float(np.percentile([float(value.value or 0) for _, value in members], BENCHMARK_QUANTILE))
        for agent_id, value in members:
            gap = max(0.0, benchmark - float(value.value or 0))
            found.append((gap * value.sample_size, gap, agent_id, team_id, value, benchmark))
    found.sort(key=lambda entry: (-entry[0], -entry[1], entry[2], entry[3] or ""))
    return [
        FcrRoomEntry(rank, agent_id, team_id, value, benchmark, gap, to_gain)
        for rank, (to_gain, gap, agent_id, team_id, value, benchmark) in enumerate(found, start=1)
    ]
