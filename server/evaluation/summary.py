"""A review's headline in zh-CN and en, from its content. Pure."""

from typing import Any
from zoneinfo import ZoneInfo

from server.evaluation.explanation import Explanation
from server.timefmt import from_us

VERDICT_WORDS = {
    "improved": ("改善", "improved"), "worsened": ("变差", "worsened"),
    "no_significant_change": ("无显著变化", "no significant change"), "not_enough_data": ("数据不足", "not enough data"),
}
EVALUATION_WORDS = {
    "improved": ("有效", "improved"), "no_detectable_change": ("未检测到变化", "no detectable change"),
    "worsened": ("变差", "worsened"), "too_little_data": ("数据不足", "too little data"),
}


def _team_lines(content: dict[str, Any]) -> tuple[list[str], list[str]]:
    zh, en = [], []
    for change in content["team"]:
        word_zh, word_en = VERDICT_WORDS[change["verdict"]]
        p = "—" if change["p_value"] is None else f"{change['p_value']:.3f}"
        zh.append(f"{change['label_zh']}：{word_zh}（p = {p}）")
        en.append(f"{change['label_en']}: {word_en} (p = {p})")
    return zh, en


def review_summary(content: dict[str, Any], zone: ZoneInfo) -> Explanation:
    """What the review says in a few sentences: team changes, who moved, knowledge-base needs, plans evaluated."""
    start = from_us(content["period_start_us"], zone).date()
    end = from_us(content["period_end_us"] - 1, zone).date()  # the last day inside the period
    team_zh, team_en = _team_lines(content)
    improved, declined = len(content["improved"]), len(content["declined"])
    categories = [entry["category"] for entry in content["knowledge_base"]]
    counts: dict[str, int] = {}
    for evaluation in content["evaluations"]:
        counts[evaluation["verdict"]] = counts.get(evaluation["verdict"], 0) + 1
    plans_zh = "，".join(f"{EVALUATION_WORDS[v][0]} {n} 个" for v, n in sorted(counts.items())) or "无"
    plans_en = ", ".join(f"{n} {EVALUATION_WORDS[v][1]}" for v, n in sorted(counts.items())) or "none"
    zh = (
        f"{start} 至 {end} 团队复盘（与上一同长时段相比，显著性水平 0.05）。团队指标：{'；'.join(team_zh)}。"
        f"显著改善的坐席 {improved} 位，显著变差的坐席 {declined} 位。"
        f"需要加强知识库的分类：{'、'.join(categories) if categories else '无'}。"
        f"本期结束的辅导计划评估：{plans_zh}。其他板块 {len(content['sections'])} 个（目标状态、未完成与逾期任务等）。"
    )
    en = (
        f"Team review {start} to {end} (against the previous period of the same length, significance level 0.05). "
        f"Team metrics: {'; '.join(team_en)}. Agents who improved significantly: {improved}; who declined: {declined}. "
        f"Categories needing knowledge-base work: {', '.join(categories) if categories else 'none'}. "
        f"Coaching plans evaluated this period: {plans_en}. Further sections: {len(content['sections'])} "
        "(goal statuses, open and overdue tasks, …)."
    )
    return Explanation(zh=zh, en=en)
