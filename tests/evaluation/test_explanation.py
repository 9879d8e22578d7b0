"""The explanation says what was compared and how to read it, with the estimate's own numbers, in both languages."""

from datetime import date

import numpy as np

from server.evaluation.estimator import AgentSamples, Estimate, EstimatorPolicy, Scale, Verdict, estimate_effect
from server.evaluation.explanation import Windows, explain
from server.metrics.api import Direction, metric_definition

WINDOWS = Windows(date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 16), date(2026, 3, 22))


def _agent(name: str, shift: float) -> AgentSamples:
    return AgentSamples(name, np.array([-1.0, 1.0]), np.array([-1.0 + shift, 1.0 + shift]))


def _estimate() -> Estimate:
    """Hand-checked: before 0, after 9, comparison change 2 → effect 7 (+350 % of the counterfactual 2);
    SE = √(2 + 2 + 4/3) = 2.3094, t₀.₉₇₅,₂ = 4.3027 → interval [−2.94, 16.94], p = 0.094."""
    return estimate_effect(
        _agent("t", 9), [_agent("c0", 0), _agent("c1", 2), _agent("c2", 4)], direction=Direction.HIGHER,
        scale=Scale.DIFFERENCE, policy=EstimatorPolicy(minimum_items=2),
    )


def test_an_estimate_is_explained_with_its_numbers() -> None:
    text = explain(_estimate(), metric_definition("csat_avg"), WINDOWS, widened=False, confidence=0.95, minimum_items=2, minimum_agents=3)
    assert text.en == (
        "Verdict: no detectable change. What was compared: the coached agent's Average CSAT was 0.00 before the plan "
        "(2026-03-02 to 2026-03-08, 2 values) and 9.00 after it (2026-03-16 to 2026-03-22, 2 values). Over the same weeks 3 "
        "comparable agents who were not coached on this metric (the same team; 6 values before, 6 after) show what would have "
        "happened anyway, so without coaching the agent would have been at about 2.00. Effect of the coaching (difference in "
        "differences): +7.00 (+350.0%), 95% confidence interval [-2.94, +16.94], p = 0.094. How to read it: After taking out "
        "what changed for everybody, what is left could be chance: it is not credited to the coaching (nor does it prove the "
        "coaching failed). The interval is the range of effects the data are consistent with; the smaller p, the less this "
        "looks like chance. Placebo check: treating each comparison agent as if it had been coached, 0 of 3 changed at least as much."
    )
    assert text.zh.startswith("结论：未检测到变化。比较了什么：被辅导坐席的「平均满意度」在辅导前（2026-03-02 至 2026-03-08，2 条）为 0.00")
    assert "辅导效果（双重差分）= +7.00（+350.0%），95% 置信区间 [-2.94, +16.94]，p = 0.094。" in text.zh


def test_shares_read_in_points_and_a_widened_pool_is_named() -> None:
    estimate = _estimate()
    text = explain(estimate, metric_definition("fcr_rate"), WINDOWS, widened=True, confidence=0.95, minimum_items=2, minimum_agents=3)
    assert "+700.0 pp" in text.en and "widened to agents with the same channel mix" in text.en
    assert "已扩展到渠道构成相近的坐席" in text.zh


def test_too_little_data_says_what_is_missing() -> None:
    few = estimate_effect(_agent("t", 9), [_agent("c0", 0)], direction=Direction.HIGHER, scale=Scale.DIFFERENCE,
                          policy=EstimatorPolicy(minimum_items=2))
    assert (few.verdict, few.reason) == (Verdict.TOO_LITTLE_DATA, "comparison_agents")
    text = explain(few, metric_definition("csat_avg"), WINDOWS, widened=False, confidence=0.95, minimum_items=2, minimum_agents=3)
    assert text.en.startswith("Too little data to evaluate: only 1 comparable agent was found")
    assert text.zh.startswith("数据不足，无法评估：只找到 1 位可比坐席")
