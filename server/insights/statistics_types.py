"""GraphQL types of a before/after comparison: both sides, the test, effect size, CI and verdict."""

import strawberry

from server.insights.before_after import BeforeAfter
from server.insights.results import EffectSizeKind, SampleSummary, StatisticalTest, Verdict
from server.insights.types import FRESHNESS_OF_ANSWER
from server.metrics.api import FactsFreshnessType, MetricKey, described_enum

StatisticalTestKind = described_enum(
    StatisticalTest,
    "StatisticalTest",
    "WELCH_T for durations, CSAT and NPS (per-respondent +100/0/−100); TWO_PROPORTION_Z for rates. "
    "/ 时长、满意度和 NPS（每位答卷人 +100/0/−100）用 Welch t 检验；比率用两比例 z 检验。",
    {
        StatisticalTest.WELCH_T: "Welch's t-test on means. / 均值的 Welch t 检验。",
        StatisticalTest.TWO_PROPORTION_Z: "Two-proportion z-test on shares. / 比例的两比例 z 检验。",
    },
)
EffectSize = described_enum(
    EffectSizeKind,
    "EffectSizeKind",
    "Hedges' g (means) or Cohen's h (shares). / Hedges' g（均值）或 Cohen's h（比例）。",
    {
        EffectSizeKind.HEDGES_G: "Hedges' g: standardised difference of means. / Hedges' g：均值的标准化差异。",
        EffectSizeKind.COHENS_H: "Cohen's h: difference of arcsine-transformed shares. / Cohen's h：反正弦变换后比例之差。",
    },
)
BeforeAfterVerdict = described_enum(
    Verdict,
    "BeforeAfterVerdict",
    "IMPROVED / WORSENED when p < alpha (by the metric's direction); NOT_ENOUGH_DATA below the sample "
    "floors. / p < alpha 时按指标方向为改善或变差；低于样本下限时为数据不足。",
    {
        Verdict.IMPROVED: "Significantly better (p < alpha). / 显著改善（p < alpha）。",
        Verdict.WORSENED: "Significantly worse (p < alpha). / 显著变差（p < alpha）。",
        Verdict.NO_SIGNIFICANT_CHANGE: "No significant change (p ≥ alpha). / 无显著变化（p ≥ alpha）。",
        Verdict.NOT_ENOUGH_DATA: "Below the sample floors: not tested. / 低于样本下限，未检验。",
    },
)


@strawberry.type(name="SampleSummary", description="One side of the comparison. / 对比的一侧。")
class SampleSummaryType:
    size: int = strawberry.field(description="Items (conversations, intervals, searches, respondents). / 样本项数。")
    mean: float | None = strawberry.field(description="Mean; for rates the share. / 均值；比率为比例。")
    standard_deviation: float | None = strawberry.field(description="Sample standard deviation. / 样本标准差。")

    @classmethod
    def of(cls, summary: SampleSummary) -> "SampleSummaryType":
        return cls(size=summary.size, mean=summary.mean, standard_deviation=summary.standard_deviation)


@strawberry.type(
    description="Whether a metric changed between two consecutive periods, tested on its per-item samples "
    "(docs/insights.md). Differences are after − before. / 指标在两个相邻时段间是否变化，基于逐项样本检验；差值为之后 − 之前。"
)
class BeforeAfterComparison:
    metric: MetricKey = strawberry.field(description="The metric. / 指标。")
    test: StatisticalTestKind = strawberry.field(description="The test used. / 所用检验。")
    verdict: BeforeAfterVerdict = strawberry.field(
        description="Improved, worsened, no significant change, or not enough data. / 改善、变差、无显著变化或数据不足。"
    )
    before: SampleSummaryType = strawberry.field(description="The before period. / 之前时段。")
    after: SampleSummaryType = strawberry.field(description="The after period. / 之后时段。")
    difference: float | None = strawberry.field(description="Mean (or share) after − before. / 均值（或比例）之差。")
    confidence_low: float | None = strawberry.field(description="Lower bound of the CI of the difference. / 差值置信区间下限。")
    confidence_high: float | None = strawberry.field(description="Upper bound of the CI of the difference. / 差值置信区间上限。")
    confidence_level: float = strawberry.field(description="1 − alpha. / 置信水平（1 − alpha）。")
    statistic: float | None = strawberry.field(description="t (Welch) or z. / 检验统计量 t 或 z。")
    p_value: float | None = strawberry.field(description="Two-sided p-value. / 双侧 p 值。")
    degrees_of_freedom: float | None = strawberry.field(description="Welch–Satterthwaite degrees of freedom. / Welch 自由度。")
    effect_size: float | None = strawberry.field(description="Hedges' g or Cohen's h. / 效应量。")
    effect_size_kind: EffectSize | None = strawberry.field(description="Which effect size. / 效应量类型。")
    mann_whitney_u: float | None = strawberry.field(
        description="Mann–Whitney U of the after sample (Welch tests only). / 之后样本的 Mann–Whitney U 统计量（仅 Welch 检验）。"
    )
    mann_whitney_p_value: float | None = strawberry.field(description="Its two-sided p-value. / 其双侧 p 值。")
    minimum_sample_size: int = strawberry.field(description="Items needed per side. / 每侧所需最少样本数。")
    freshness: FactsFreshnessType = strawberry.field(description=FRESHNESS_OF_ANSWER)

    @classmethod
    def of(cls, found: BeforeAfter, alpha: float, freshness: FactsFreshnessType) -> "BeforeAfterComparison":
        result = found.result
        return cls(
            metric=MetricKey[found.key.upper()], test=StatisticalTestKind[result.test.name],
            verdict=BeforeAfterVerdict[result.verdict.name],
            before=SampleSummaryType.of(result.before), after=SampleSummaryType.of(result.after),
            difference=result.difference, confidence_low=result.confidence_low, confidence_high=result.confidence_high,
            confidence_level=1 - alpha, statistic=result.statistic, p_value=result.p_value,
            degrees_of_freedom=result.degrees_of_freedom, effect_size=result.effect_size,
            effect_size_kind=None if result.effect_size_kind is None else EffectSize[result.effect_size_kind.name], mann_whitney_u=result.mann_whitney_u,
            mann_whitney_p_value=result.mann_whitney_p_value, minimum_sample_size=result.minimum_sample_size,
            freshness=freshness,
        )
