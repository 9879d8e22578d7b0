"""The evaluation in words, zh-CN and en: what was compared, what came out, how to read it. Pure."""

from dataclasses import dataclass
from datetime import date

from server.evaluation.estimator import WITHOUT_SAMPLES, Estimate, Verdict
from server.metrics.api import MetricDefinition

VERDICT_LABELS = {
    Verdict.IMPROVED: ("有效：指标改善", "improved"),
    Verdict.NO_DETECTABLE_CHANGE: ("未检测到变化", "no detectable change"),
    Verdict.WORSENED: ("指标变差", "worsened"),
    Verdict.TOO_LITTLE_DATA: ("数据不足", "too little data"),
}


@dataclass(frozen=True)
class Windows:
    """The first and last local days of the two windows (both included)."""

    before_start: date
    before_end: date
    after_start: date
    after_end: date


@dataclass(frozen=True)
class Explanation:
    zh: str
    en: str


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        return f"{value * 100:.1f}%"
    return f"{value:.1f}" if unit == "seconds" else f"{value:.2f}"


def _signed(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        return f"{value * 100:+.1f} pp"
    return f"{value:+.1f}" if unit == "seconds" else f"{value:+.2f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.1f}%"


def _p(value: float | None) -> str:
    return "—" if value is None else ("< 0.001" if value < 0.001 else f"{value:.3f}")


def _agents_en(count: int) -> str:
    return f"{count} comparable agent was" if count == 1 else f"{count} comparable agents were"


def _unit_words(definition: MetricDefinition) -> tuple[str, str]:
    return ("秒", "s") if definition.unit == "seconds" else ("", "")


def _too_little(estimate: Estimate, definition: MetricDefinition, minimum_items: int, minimum_agents: int) -> Explanation:
    coached = estimate.coached
    sizes = f"{coached.before_size} / {coached.after_size}" if coached else "0 / 0"
    if estimate.reason == WITHOUT_SAMPLES:
        return Explanation(
            zh=f"无法评估：「{definition.label_zh}」是计数或百分位数指标，没有可逐会话检验的数值，无法做双重差分检验。"
            "请在同类的均值或比率指标上设定辅导计划（例如用平均首次响应时长代替其 P90）。",
            en=f"Cannot be evaluated: {definition.label_en} is a count or a percentile, which has no per-conversation values to "
            "test, so no difference in differences can be estimated. Set the plan on the matching mean or share instead (for "
            "example the average first response rather than its 90th percentile).",
        )
    if estimate.reason == "coached_agent_volume":
        return Explanation(
            zh=f"数据不足，无法评估：被辅导坐席在前后两个时段的「{definition.label_zh}」样本为 {sizes} 条，每个时段至少需要 {minimum_items} 条。"
            "这不代表辅导无效，只是样本太少，任何差异都可能是偶然。",
            en=f"Too little data to evaluate: the coached agent has {sizes} values of {definition.label_en} in the before / after "
            f"windows and each window needs at least {minimum_items}. This does not mean the coaching failed; with so few "
            "conversations any difference could be chance.",
        )
    return Explanation(
        zh=f"数据不足，无法评估：只找到 {len(estimate.comparison)} 位可比坐席（同团队、两个时段均无该指标的辅导计划、样本量达标），"
        f"至少需要 {minimum_agents} 位。没有对照组，就无法区分辅导效果和全团队的共同变化。",
        en=f"Too little data to evaluate: only {_agents_en(len(estimate.comparison))} found (same team, no plan on this "
        f"metric in either window, enough conversations) and at least {minimum_agents} are needed. Without them a change from "
        "coaching cannot be told apart from a change the whole team saw.",
    )


def explain(
    estimate: Estimate, definition: MetricDefinition, windows: Windows, *, widened: bool, confidence: float,
    minimum_items: int, minimum_agents: int,
) -> Explanation:
    """Both languages' explanation of one evaluation."""
    if estimate.verdict is Verdict.TOO_LITTLE_DATA or estimate.coached is None or estimate.effect is None:
        return _too_little(estimate, definition, minimum_items, minimum_agents)
    coached, unit = estimate.coached, definition.unit
    zh_unit, en_unit = _unit_words(definition)
    agents = len(estimate.comparison)
    before_comparison = sum(change.before_size for change in estimate.comparison)
    after_comparison = sum(change.after_size for change in estimate.comparison)
    level = round(confidence * 100)
    pool_zh = "同团队（同团队人数不足，已扩展到渠道构成相近的坐席）" if widened else "同团队"
    pool_en = "the same team, widened to agents with the same channel mix because the team had too few" if widened else "the same team"
    counterfactual = coached.after_mean - estimate.effect
    verdict_zh, verdict_en = VERDICT_LABELS[estimate.verdict]
    reading_zh = {
        Verdict.IMPROVED: "在扣除团队共同变化后，改善幅度大到难以用偶然解释，可以归功于辅导。",
        Verdict.WORSENED: "在扣除团队共同变化后，该指标明显变差，建议复盘辅导内容。",
        Verdict.NO_DETECTABLE_CHANGE: "扣除团队共同变化后，剩余差异仍可能是偶然波动，不能归功于辅导（也不能断定无效）。",
    }[estimate.verdict]
    reading_en = {
        Verdict.IMPROVED: "After taking out what changed for everybody, the improvement is too large to be chance: it is credited to the coaching.",
        Verdict.WORSENED: "After taking out what changed for everybody, the metric got clearly worse: worth reviewing the coaching.",
        Verdict.NO_DETECTABLE_CHANGE: "After taking out what changed for everybody, what is left could be chance: it is not credited to the coaching (nor does it prove the coaching failed).",
    }[estimate.verdict]
    placebo = estimate.placebo_as_large or 0
    zh = (
        f"结论：{verdict_zh}。比较了什么：被辅导坐席的「{definition.label_zh}」在辅导前（{windows.before_start} 至 {windows.before_end}，"
        f"{coached.before_size} 条）为 {_number(coached.before_mean, unit)}{zh_unit}，辅导后（{windows.after_start} 至 {windows.after_end}，"
        f"{coached.after_size} 条）为 {_number(coached.after_mean, unit)}{zh_unit}。同期 {agents} 位未接受该指标辅导的可比坐席（{pool_zh}；"
        f"前 {before_comparison} 条、后 {after_comparison} 条）的共同变化被视为“不辅导也会发生的变化”，据此推算该坐席本应为 "
        f"{_number(counterfactual, unit)}{zh_unit}。辅导效果（双重差分）= {_signed(estimate.effect, unit)}{zh_unit}"
        f"（{_percent(estimate.effect_relative)}），{level}% 置信区间 [{_signed(estimate.confidence_low, unit)}, "
        f"{_signed(estimate.confidence_high, unit)}]{zh_unit}，p = {_p(estimate.p_value)}。如何解读：{reading_zh}"
        f"置信区间是效果的合理范围；p 值越小，越不像偶然。安慰剂检验：把每位对照坐席当作“被辅导者”，有 {placebo}/{agents} 位的变化不小于该坐席。"
    )
    en = (
        f"Verdict: {verdict_en}. What was compared: the coached agent's {definition.label_en} was {_number(coached.before_mean, unit)}{en_unit} "
        f"before the plan ({windows.before_start} to {windows.before_end}, {coached.before_size} values) and "
        f"{_number(coached.after_mean, unit)}{en_unit} after it ({windows.after_start} to {windows.after_end}, {coached.after_size} values). "
        f"Over the same weeks {agents} comparable agents who were not coached on this metric ({pool_en}; {before_comparison} values "
        f"before, {after_comparison} after) show what would have happened anyway, so without coaching the agent would have been at about "
        f"{_number(counterfactual, unit)}{en_unit}. Effect of the coaching (difference in differences): {_signed(estimate.effect, unit)}{en_unit} "
        f"({_percent(estimate.effect_relative)}), {level}% confidence interval [{_signed(estimate.confidence_low, unit)}, "
        f"{_signed(estimate.confidence_high, unit)}]{en_unit}, p = {_p(estimate.p_value)}. How to read it: {reading_en} The interval is the "
        f"range of effects the data are consistent with; the smaller p, the less this looks like chance. Placebo check: treating each "
        f"comparison agent as if it had been coached, {placebo} of {agents} changed at least as much."
    )
    return Explanation(zh=zh, en=en)
