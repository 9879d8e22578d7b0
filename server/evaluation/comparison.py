"""Who the coached agent is compared with, and their per-conversation values, read through the metrics engine.

Comparable agents: credited to the plan's team (the team at conversation end) with at
least the minimum number of values in both windows, not coached on the plan's metric in
either window. When the team has fewer than the minimum, agents of any team whose
channel mix is close to the coached agent's (total variation distance of the shares of
their values per channel in the before window at most ``MAX_CHANNEL_MIX_DISTANCE``) are
added.
"""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.evaluation.estimator import AgentSamples, EstimatorPolicy
from server.evaluation.plan import EndedPlan
from server.metrics.api import MetricRow, MetricsRequest, compute_metrics, metric_samples
from server.timefmt import from_us

MAX_CHANNEL_MIX_DISTANCE = 0.2


@dataclass(frozen=True)
class Window:
    start_us: int
    end_us: int

    def request(self, key: str, **narrowing: object) -> MetricsRequest:
        return MetricsRequest.of(from_=from_us(self.start_us), to=from_us(self.end_us), metrics=[key], **narrowing)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Collected:
    coached: AgentSamples
    comparison: tuple[AgentSamples, ...]
    widened: bool


def _sizes(rows: list[MetricRow], key: str) -> dict[str, int]:
    return {str(row.dimensions["agent_id"]): row.values[key].sample_size for row in rows if row.dimensions.get("agent_id")}


async def _volumes(session: AsyncSession, window: Window, key: str, settings: Settings, **narrowing: object) -> dict[str, int]:
    request = window.request(key, group_by=["agent"], **narrowing)
    return _sizes(await compute_metrics(session, request, settings=settings), key)


def channel_mix_distance(first: dict[str, int], second: dict[str, int]) -> float:
    """Total variation distance between two agents' shares of values per channel (1 when either has none)."""
    total_first, total_second = sum(first.values()), sum(second.values())
    if not total_first or not total_second:
        return 1.0
    channels = first.keys() | second.keys()
    return sum(abs(first.get(c, 0) / total_first - second.get(c, 0) / total_second) for c in channels) / 2


async def _channel_mixes(session: AsyncSession, window: Window, key: str, settings: Settings) -> dict[str, dict[str, int]]:
    rows = await compute_metrics(session, window.request(key, group_by=["agent", "channel"]), settings=settings)
    mixes: dict[str, dict[str, int]] = {}
    for row in rows:
        agent, channel = row.dimensions.get("agent_id"), row.dimensions.get("channel")
        if agent and channel:
            mixes.setdefault(str(agent), {})[str(channel)] = row.values[key].sample_size
    return mixes


async def comparison_agents(
    session: AsyncSession, event: EndedPlan, settings: Settings, policy: EstimatorPolicy
) -> tuple[list[str], bool]:
    """The comparable agents' ids (sorted) and whether the pool was widened beyond the team."""
    before, after = Window(event.before_start_us, event.before_end_us), Window(event.after_start_us, event.after_end_us)
    excluded = {event.agent_id, *event.agents_with_plan_on_metric}
    key, floor = event.metric_key, policy.minimum_items

    def enough(sizes_before: dict[str, int], sizes_after: dict[str, int]) -> set[str]:
        return {a for a, size in sizes_before.items() if size >= floor and sizes_after.get(a, 0) >= floor} - excluded

    team = [event.team_id]
    in_team = enough(
        await _volumes(session, before, key, settings, team_ids=team), await _volumes(session, after, key, settings, team_ids=team)
    )
    if len(in_team) >= policy.minimum_comparison_agents:
        return sorted(in_team), False
    anywhere = enough(await _volumes(session, before, key, settings), await _volumes(session, after, key, settings))
    mixes = await _channel_mixes(session, before, key, settings)
    own = mixes.get(event.agent_id, {})
    similar = {agent for agent in anywhere - in_team if channel_mix_distance(own, mixes.get(agent, {})) <= MAX_CHANNEL_MIX_DISTANCE}
    return sorted(in_team | similar), bool(similar)


async def agent_samples(session: AsyncSession, event: EndedPlan, agent_id: str, settings: Settings) -> AgentSamples:
    """One agent's per-conversation values of the plan's metric in both windows (the before/after comparison's samples)."""
    values = []
    for window in (Window(event.before_start_us, event.before_end_us), Window(event.after_start_us, event.after_end_us)):
        found = await metric_samples(session, window.request(event.metric_key, agent_ids=[agent_id]), settings=settings)
        values.append(found[event.metric_key])
    return AgentSamples(agent_id, values[0], values[1])


async def collect(session: AsyncSession, event: EndedPlan, settings: Settings, policy: EstimatorPolicy) -> Collected:
    """The coached agent's and the comparable agents' samples."""
    agents, widened = await comparison_agents(session, event, settings, policy)
    coached = await agent_samples(session, event, event.agent_id, settings)
    comparison = tuple([await agent_samples(session, event, agent, settings) for agent in agents])
    return Collected(coached, comparison, widened)
