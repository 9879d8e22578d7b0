"""Generated teams for the estimator: log-normal first response times, a seeded generator per scenario."""

import numpy as np

from server.evaluation.estimator import AgentSamples

CONVERSATIONS = 150
COMPARISON_AGENTS = 10
SPREAD = 0.5
"""σ of the log-normal: a coefficient of variation of about 0.53."""


def team(
    seed: int, *, coached_change: float = 1.0, team_change: float = 1.0, conversations: int = CONVERSATIONS,
    comparison_agents: int = COMPARISON_AGENTS,
) -> tuple[AgentSamples, list[AgentSamples]]:
    """The coached agent ``a0`` and its comparison agents; after-window values scaled by the changes given."""
    generator = np.random.default_rng(seed)
    agents = []
    for index in range(comparison_agents + 1):
        level = generator.uniform(40, 80)
        before = generator.lognormal(np.log(level), SPREAD, conversations)
        factor = team_change * (coached_change if index == 0 else 1.0)
        after = generator.lognormal(np.log(level * factor), SPREAD, conversations)
        agents.append(AgentSamples(f"a{index}", before, after))
    return agents[0], agents[1:]
