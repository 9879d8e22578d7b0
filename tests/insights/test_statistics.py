"""Before/after statistics on literal samples, against the textbook formulas computed here."""

import math

import pytest
from scipy import stats

from server.errors import BadUserInput
from server.insights.methods import compare_samples, statistical_test_for, comparable_metric_keys
from server.insights.results import EffectSizeKind, StatisticalTest, TestPolicy, Verdict
from server.metrics.definitions import METRICS, metric_definition

BEFORE_HANDLE = [30, 42, 51, 38, 45, 60, 33, 48]
AFTER_HANDLE = [25, 28, 31, 22, 35, 27, 30, 26]
SMALL = TestPolicy(minimum_continuous=8, minimum_binary=40)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _variance(values: list[float]) -> float:
    mean = _mean(values)
    return sum((value - mean) ** 2 for value in values) / (len(values) - 1)


def test_durations_use_welch_with_hedges_g_and_mann_whitney() -> None:
    result = compare_samples(metric_definition("handle_avg_s"), BEFORE_HANDLE, AFTER_HANDLE, SMALL)

    n1, n2 = len(BEFORE_HANDLE), len(AFTER_HANDLE)
    v1, v2 = _variance(BEFORE_HANDLE), _variance(AFTER_HANDLE)
    difference = _mean(AFTER_HANDLE) - _mean(BEFORE_HANDLE)
    error = math.sqrt(v1 / n1 + v2 / n2)
    degrees = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    statistic = difference / error
    margin = stats.t.ppf(0.975, degrees) * error
    pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    df = n1 + n2 - 2
    correction = math.gamma(df / 2) / (math.sqrt(df / 2) * math.gamma((df - 1) / 2))
    u_after = sum((a > b) + 0.5 * (a == b) for a in AFTER_HANDLE for b in BEFORE_HANDLE)

    assert result.test is StatisticalTest.WELCH_T
    assert result.difference == -15.375
    assert result.difference == pytest.approx(difference, rel=1e-12)
    assert result.statistic == pytest.approx(statistic, rel=1e-9)
    assert result.degrees_of_freedom == pytest.approx(degrees, rel=1e-9)
    assert result.p_value == pytest.approx(2 * stats.t.sf(abs(statistic), degrees), rel=1e-9)
    assert (result.confidence_low, result.confidence_high) == (
        pytest.approx(difference - margin, rel=1e-9), pytest.approx(difference + margin, rel=1e-9)
    )
    assert result.effect_size_kind is EffectSizeKind.HEDGES_G
    assert result.effect_size == pytest.approx(correction * difference / pooled, rel=1e-9)
    assert result.mann_whitney_u == u_after == 3.5  # 31 > 30; 35 > 30, 33; 30 = 30 counts a half
    assert result.mann_whitney_p_value == pytest.approx(
        stats.mannwhitneyu(AFTER_HANDLE, BEFORE_HANDLE, alternative="two-sided").pvalue, rel=1e-12
    )
    assert (result.before.size, result.before.mean, result.after.size, result.after.mean) == (8, 43.375, 8, 28.0)
    assert result.verdict is Verdict.IMPROVED  # shorter handle time is better, p < 0.05


@pytest.mark.parametrize(("key", "verdict"), [("fcr_rate", Verdict.IMPROVED), ("repeat_rate", Verdict.WORSENED)])
def test_rates_use_the_two_proportion_z_test(key: str, verdict: Verdict) -> None:
    before = [1] * 12 + [0] * 28
    after = [1] * 24 + [0] * 16
    result = compare_samples(metric_definition(key), before, after, SMALL)

    pooled = 36 / 80
    statistic = (0.6 - 0.3) / math.sqrt(pooled * (1 - pooled) * (1 / 40 + 1 / 40))
    margin = stats.norm.ppf(0.975) * math.sqrt(0.3 * 0.7 / 40 + 0.6 * 0.4 / 40)
    assert result.test is StatisticalTest.TWO_PROPORTION_Z
    assert (result.before.mean, result.after.mean) == (0.3, 0.6)
    assert result.difference == pytest.approx(0.3, rel=1e-12)
    assert result.statistic == pytest.approx(statistic, rel=1e-12)
    assert result.p_value == pytest.approx(2 * stats.norm.sf(statistic), rel=1e-9)
    assert result.confidence_low == pytest.approx(0.3 - margin, rel=1e-12)
    assert result.confidence_high == pytest.approx(0.3 + margin, rel=1e-12)
    assert result.effect_size_kind is EffectSizeKind.COHENS_H
    assert result.effect_size == pytest.approx(2 * math.asin(math.sqrt(0.6)) - 2 * math.asin(math.sqrt(0.3)), rel=1e-12)
    assert result.verdict is verdict


def test_nps_is_welch_on_per_respondent_scores() -> None:
    before = [100, 0, -100, -100, 0, 0, 100, -100]
    after = [100, 100, 0, 100, 100, 0, 100, -100]
    result = compare_samples(metric_definition("nps"), before, after, SMALL)
    assert result.test is StatisticalTest.WELCH_T
    assert (result.before.mean, result.after.mean, result.difference) == (-12.5, 50.0, 62.5)
    expected = stats.ttest_ind(after, before, equal_var=False)
    assert result.p_value == pytest.approx(expected.pvalue, rel=1e-12)
    assert result.verdict is Verdict.NO_SIGNIFICANT_CHANGE


@pytest.mark.parametrize(
    ("key", "before", "after"),
    [
        ("handle_avg_s", [10.0] * 19, [20.0] * 25),  # 19 < 20 items before
        ("fcr_rate", [1] * 29, [1] * 40),  # 29 < 30 items before
        ("fcr_rate", [1] * 29 + [0], [1] * 40),  # 70 × 1/70 = 1 expected failure per side < 5
    ],
)
def test_too_few_items_give_not_enough_data(key: str, before: list[float], after: list[float]) -> None:
    result = compare_samples(metric_definition(key), before, after, TestPolicy())
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert (result.p_value, result.statistic, result.confidence_low, result.effect_size) == (None, None, None, None)
    assert (result.before.size, result.after.size) == (len(before), len(after))
    assert result.difference == pytest.approx(_mean(after) - _mean(before), rel=1e-12)


def test_identical_constant_samples_have_no_p_value() -> None:
    result = compare_samples(metric_definition("csat_avg"), [5] * 8, [5] * 8, SMALL)
    assert (result.verdict, result.difference, result.p_value, result.effect_size) == (
        Verdict.NO_SIGNIFICANT_CHANGE, 0.0, None, None,
    )


def test_each_metric_gets_the_test_its_computation_calls_for() -> None:
    tests = {definition.key: statistical_test_for(definition) for definition in METRICS}
    welch, proportion = StatisticalTest.WELCH_T, StatisticalTest.TWO_PROPORTION_Z
    assert tests == {
        "conversations": None, "handled": None, "first_response_avg_s": welch, "first_response_p90_s": None,
        "response_avg_s": welch, "handle_avg_s": welch, "queue_wait_avg_s": welch, "service_level": proportion,
        "abandon_rate": proportion, "transfer_rate": proportion, "transfer_transit_avg_s": welch,
        "fcr_rate": proportion, "repeat_rate": proportion, "kb_hit_rate": proportion,
        "kb_time_to_hit_avg_s": welch, "self_service_rate": proportion, "csat_avg": welch,
        "csat_top2_rate": proportion, "nps": welch,
    }
    assert "first_response_p90_s" not in comparable_metric_keys(METRICS)


def test_counts_and_percentiles_are_refused() -> None:
    with pytest.raises(BadUserInput) as refused:
        compare_samples(metric_definition("first_response_p90_s"), [1.0] * 30, [2.0] * 30, TestPolicy())
    assert refused.value.details == {"metric": "first_response_p90_s"}
