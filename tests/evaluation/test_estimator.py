"""The estimator on generated data: a real effect is found, a team-wide rise is not credited, no effect is rarely credited."""

import math

import numpy as np
import pytest
from scipy import stats

from server.evaluation.estimator import (
    AgentSamples, EstimatorPolicy, Scale, Verdict, agent_change, between_agent_variance, estimate_effect,
)
from server.insights.statistics import welch_comparison
from server.insights.results import TestPolicy, Verdict as BeforeAfterVerdict
from server.metrics.api import Direction
from tests.evaluation.simulation import team

LOWER = Direction.LOWER


def test_a_fifth_faster_first_response_is_credited_as_improved() -> None:
    coached, comparison = team(7, coached_change=0.8)
    found = estimate_effect(coached, comparison, direction=LOWER, scale=Scale.RATIO)
    assert found.verdict is Verdict.IMPROVED
    assert found.p_value is not None and found.p_value < 0.05
    assert found.effect_relative is not None and -0.35 < found.effect_relative < -0.05
    assert found.confidence_low is not None and found.confidence_high is not None
    assert found.confidence_low < found.effect < found.confidence_high < 0
    assert (found.coached.before_size, found.coached.after_size, len(found.comparison)) == (150, 150, 10)


def test_a_team_wide_rise_of_the_same_size_is_not_credited() -> None:
    coached, comparison = team(7, team_change=0.8)
    alone = welch_comparison(coached.before, coached.after, LOWER, TestPolicy())
    assert alone.verdict is BeforeAfterVerdict.IMPROVED  # the agent alone did get faster …
    found = estimate_effect(coached, comparison, direction=LOWER, scale=Scale.RATIO)
    assert found.verdict is Verdict.NO_DETECTABLE_CHANGE  # … but so did everybody: nothing is credited
    assert found.comparison_change is not None and math.exp(found.comparison_change) == pytest.approx(0.8, abs=0.05)


def test_over_a_hundred_teams_without_effect_at_most_ten_are_credited() -> None:
    credited = [
        estimate_effect(*team(1000 + seed), direction=LOWER, scale=Scale.RATIO).verdict is Verdict.IMPROVED
        for seed in range(100)
    ]
    assert sum(credited) <= 10
    assert sum(credited) == CREDITED_WITHOUT_EFFECT


CREDITED_WITHOUT_EFFECT = 1
"""The seeded runs give exactly this count (an improved verdict at α = 0.05, one-sided share of a two-sided test)."""


def test_the_change_and_its_variance_by_hand() -> None:
    samples = AgentSamples("a", np.array([10.0, 20.0, 30.0]), np.array([5.0, 15.0]))
    ratio = agent_change(samples, Scale.RATIO)
    assert ratio is not None
    assert ratio.change == pytest.approx(math.log(10 / 20))
    assert ratio.variance == pytest.approx(50 / 2 / 10**2 + 100 / 3 / 20**2)
    points = agent_change(samples, Scale.DIFFERENCE)
    assert points is not None and (points.change, points.variance) == (-10.0, pytest.approx(25 + 100 / 3))


def test_between_agent_variance_is_zero_when_changes_agree_within_their_noise() -> None:
    equal = [agent_change(AgentSamples(f"a{i}", np.array([1.0, 3.0]), np.array([2.0, 4.0])), Scale.DIFFERENCE) for i in range(4)]
    assert between_agent_variance([change for change in equal if change]) == 0.0


def test_the_test_statistic_follows_the_documented_formula() -> None:
    """Changes 0, 2, 4 (sampling variance 2 each; Q = 4) and the coached agent's 9: τ² = 2, θ̂ = 2, SE = √(2 + 2 + 4/3)."""
    def agent(name: str, shift: float) -> AgentSamples:
        return AgentSamples(name, np.array([-1.0, 1.0]), np.array([-1.0 + shift, 1.0 + shift]))

    coached, comparison = agent("t", 9), [agent("c0", 0), agent("c1", 2), agent("c2", 4)]
    found = estimate_effect(coached, comparison, direction=Direction.HIGHER, scale=Scale.DIFFERENCE,
                            policy=EstimatorPolicy(minimum_items=2))
    tau2 = (4 - 2) / (1.5 - 0.75 / 1.5)
    error = math.sqrt(tau2 + 2 + 1 / (3 / (tau2 + 2)))
    assert (found.between_agent_variance, found.comparison_change, found.effect) == (tau2, 2.0, 7.0)
    assert found.standard_error == pytest.approx(error)
    assert found.p_value == pytest.approx(2 * stats.t.sf(7 / error, 2))
    assert found.confidence_high == pytest.approx(7 + stats.t.ppf(0.975, 2) * error)
    assert found.degrees_of_freedom == 2
    assert (found.placebo_as_large, found.placebo_p_value) == (0, 0.25)


@pytest.mark.parametrize(("conversations", "agents", "reason"), [(20, 10, "coached_agent_volume"), (150, 2, "comparison_agents")])
def test_too_little_data(conversations: int, agents: int, reason: str) -> None:
    coached, comparison = team(3, conversations=conversations, comparison_agents=agents)
    found = estimate_effect(coached, comparison, direction=LOWER, scale=Scale.RATIO)
    assert (found.verdict, found.reason, found.p_value) == (Verdict.TOO_LITTLE_DATA, reason, None)
