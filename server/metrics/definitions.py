"""The metric catalogue: one definition per key (docs/metrics.md).

The CLI, GraphQL, alerts and coaching goals all read this catalogue; each key's
formula exists here once, as its ``computation`` over measure sums.
"""

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from server.metrics.computations import (
    FIRST_RESPONSES, Computation, Count, Mean, NetPromoter, Percentile, Share, sources_of,
)
from server.metrics.config import MICROSECONDS
from server.metrics.measures import Source


class Unit(StrEnum):
    COUNT = "count"
    SECONDS = "seconds"
    SHARE = "share"
    SCORE = "score"
    NPS = "nps"


class Direction(StrEnum):
    """Which way is better; volumes are neither."""

    HIGHER = "higher_is_better"
    LOWER = "lower_is_better"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class MetricDefinition:
    """A metric key with its unit, direction, bilingual labels and explanations, and its formula."""

    key: str
    unit: Unit
    direction: Direction
    label_zh: str
    label_en: str
    explanation_zh: str
    explanation_en: str
    formula: str
    computation: Computation
    unattributed_population: bool = False
    """Its population includes conversations without a final agent: null when only those with one count."""

    @property
    def sources(self) -> set[Source]:
        return sources_of(self.computation)


S, H, L, N = Unit.SECONDS, Direction.HIGHER, Direction.LOWER, Direction.NEUTRAL
METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        "conversations", Unit.COUNT, N, "会话量", "Conversations",
        "开始的会话数。按坐席或团队分组时只计有最终坐席的会话。",
        "Number of conversations started. Grouped by agent or team, only conversations with a final agent count.",
        "count(conversations)", Count("conversations"),
    ),
    MetricDefinition(
        "handled", Unit.COUNT, N, "人工处理量", "Handled",
        "已结束且在结束前（含）被分配过坐席的会话数。",
        "Conversations that ended and were assigned to an agent at or before their end.",
        "count(conversations ended with an assignment at or before the end)", Count("handled"),
    ),
    MetricDefinition(
        "first_response_avg_s", S, L, "平均首次响应时长（秒）", "Average first response (s)",
        "每个已处理会话的第一个响应间隔的平均值，计入发送该回复的坐席（而非最终坐席）。",
        "Mean of each handled conversation's first response interval, credited to the agent who sent that reply.",
        "mean(first response interval) over handled conversations with ≥ 1 response interval",
        Mean("first_response_us", "first_responses", MICROSECONDS),
    ),
    MetricDefinition(
        "first_response_p90_s", S, L, "首次响应时长 P90（秒）", "First response P90 (s)",
        "同一组首次响应间隔的第 90 百分位数（线性插值，精确计算）。",
        "90th percentile of the same first response intervals (exact, linear interpolation).",
        "percentile_cont(0.9) of first response intervals",
        Percentile(FIRST_RESPONSES, Fraction(9, 10)),
    ),
    MetricDefinition(
        "response_avg_s", S, L, "平均响应时长（秒）", "Average response (s)",
        "所有响应间隔的平均值：客户连续消息块的第一条到下一条坐席消息之间的时长，未结束的会话也计入。",
        "Mean of all response intervals (first customer message of a block to the next agent message), "
        "open conversations included.",
        "mean(response interval) over all response intervals",
        Mean("response_us", "response_intervals", MICROSECONDS),
    ),
    MetricDefinition(
        "handle_avg_s", S, L, "平均处理时长（秒）", "Average handle time (s)",
        "已处理会话从第一次分配到结束的平均时长。",
        "Mean time from the first assignment to the end, over handled conversations.",
        "mean(end − first assigned) over handled conversations",
        Mean("handle_us", "handled", MICROSECONDS),
    ),
    MetricDefinition(
        "queue_wait_avg_s", S, L, "平均排队时长（秒）", "Average queue wait (s)",
        "排队后被接起的会话，从第一次排队到接起的平均时长。",
        "Mean time from the first queueing to the answer, over queued conversations that were answered.",
        "mean(answer − first queued) over queued conversations with an answer",
        Mean("queue_wait_us", "queue_waits", MICROSECONDS),
    ),
    MetricDefinition(
        "service_level", Unit.SHARE, H, "服务水平", "Service level",
        "排队会话中在阈值（默认 30 秒）内被接起的比例；分母为已接起或已结束的排队会话。",
        "Share of queued conversations answered within the threshold (30 s by default), "
        "among queued conversations that were answered or ended.",
        "count(answer − first queued ≤ threshold) / count(queued and (answered or ended))",
        Share("service_level_met", "service_level_population"),
    ),
    MetricDefinition(
        "abandon_rate", Unit.SHARE, L, "放弃率", "Abandon rate",
        "已结束的排队会话中未被处理的比例。按坐席或团队分组时为空。",
        "Share of ended queued conversations that were not handled. Null when grouped by agent or team.",
        "count(not handled) / count(queued and ended)",
        Share("abandoned", "abandon_population"), unattributed_population=True,
    ),
    MetricDefinition(
        "transfer_rate", Unit.SHARE, L, "转接率", "Transfer rate",
        "已处理会话中至少被转接过一次的比例。",
        "Share of handled conversations with at least one transfer.",
        "count(handled with ≥ 1 transfer) / count(handled)",
        Share("transferred", "handled"),
    ),
    MetricDefinition(
        "transfer_transit_avg_s", S, L, "平均转接在途时长（秒）", "Average transfer transit (s)",
        "每次被接受的转接，从转出到第一次携带同一转接编号的分配的平均时长；未被接受的转接不计。",
        "Mean time from a transfer to the first assignment carrying its transfer id; unaccepted transfers are left out.",
        "mean(accepting assigned − transferred) over accepted transfers",
        Mean("transit_us", "transits", MICROSECONDS),
    ),
    MetricDefinition(
        "fcr_rate", Unit.SHARE, H, "首次解决率", "First contact resolution",
        "复联窗口（默认 7 天）已关闭的已处理会话中，解决结果为已解决、反馈未表示未解决且未复联的比例。",
        "Share of handled conversations whose repeat window (7 days by default) has closed that were resolved, "
        "not reported unresolved in feedback, and not repeated.",
        "count(resolved ∧ feedback resolved ≠ false ∧ not repeated) / count(handled ∧ end + window ≤ watermark)",
        Share("fcr_resolved", "fcr_population"),
    ),
    MetricDefinition(
        "repeat_rate", Unit.SHARE, L, "复联率", "Repeat rate",
        "同一分母中，同一客户在结束后窗口内就同一类别再次发起（非外呼）会话的比例。",
        "Share of the same population followed, within the window after the end, by another non-outbound "
        "conversation of the same customer and category.",
        "count(repeated) / count(handled ∧ end + window ≤ watermark)",
        Share("repeated", "fcr_population"),
    ),
    MetricDefinition(
        "kb_hit_rate", Unit.SHARE, H, "知识库命中率", "Knowledge-base hit rate",
        "知识库搜索中，搜索之后（含同一时刻）有人打开了带该搜索编号的文章的比例。",
        "Share of knowledge-base searches followed, at or after the search, by an article opened with its search id.",
        "count(searches with an open at or after the search) / count(searches)",
        Share("kb_hits", "kb_searches"),
    ),
    MetricDefinition(
        "kb_time_to_hit_avg_s", S, L, "知识库平均命中时长（秒）", "Average knowledge-base time to hit (s)",
        "命中的搜索从搜索到第一次打开文章的平均时长。",
        "Mean time from a search to the first article opened from it, over searches with a hit.",
        "mean(first open − search) over searches with a hit",
        Mean("kb_time_to_hit_us", "kb_hits", MICROSECONDS),
    ),
    MetricDefinition(
        "self_service_rate", Unit.SHARE, H, "自助解决率", "Self-service rate",
        "已结束会话中已解决且从未排队、从未分配坐席的比例。按坐席或团队分组时为空。",
        "Share of ended conversations resolved without ever being queued or assigned. Null when grouped by agent or team.",
        "count(resolved ∧ never queued ∧ never assigned) / count(ended)",
        Share("self_served", "self_service_population"), unattributed_population=True,
    ),
    MetricDefinition(
        "csat_avg", Unit.SCORE, H, "平均满意度", "Average CSAT",
        "有满意度评分的会话的平均分（1–5，每个会话取最新的评分）。",
        "Mean CSAT (1–5) over conversations with a CSAT rating (each conversation's latest rating).",
        "mean(csat) over conversations with a csat",
        Mean("csat_sum", "csat_responses"),
    ),
    MetricDefinition(
        "csat_top2_rate", Unit.SHARE, H, "满意度好评率", "CSAT top-2 rate",
        "有满意度评分的会话中评分为 4 或 5 的比例。",
        "Share of conversations with a CSAT rating that rated 4 or 5.",
        "count(csat ≥ 4) / count(conversations with a csat)",
        Share("csat_top2", "csat_responses"),
    ),
    MetricDefinition(
        "nps", Unit.NPS, H, "净推荐值", "Net promoter score",
        "100 × (推荐者比例 − 贬损者比例)：9–10 分为推荐者，0–6 分为贬损者。",
        "100 × (share of promoters − share of detractors): 9–10 promote, 0–6 detract.",
        "100 × (count(nps ≥ 9) − count(nps ≤ 6)) / count(conversations with an nps)",
        NetPromoter("nps_promoters", "nps_detractors", "nps_responses"),
    ),
)
METRICS_BY_KEY = {definition.key: definition for definition in METRICS}
METRIC_KEYS: tuple[str, ...] = tuple(definition.key for definition in METRICS)


def metric_definition(key: str) -> MetricDefinition:
    """The definition of ``key``; KeyError for an unknown key."""
    return METRICS_BY_KEY[key]


QA_METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        "qa_score_avg", Unit.SCORE, H, "平均质检得分", "Average QA score",
        "有质检得分的已结束会话的平均最终得分（0–100）：有人工质检时取人工得分，否则取最新的自动质检得分；关键项不合格记 0 分。",
        "Mean final QA score (0–100) of ended conversations with one: the manual review's when there is one, "
        "else the latest automatic score; a failed critical item scores 0.",
        "mean(final score) over QA-scored conversations",
        Mean("qa_score_milli", "qa_scored", 1000),
    ),
    MetricDefinition(
        "qa_reviewed", Unit.COUNT, N, "已质检会话数", "QA-scored conversations",
        "有最终质检得分（自动或人工）的已结束会话数，按结束时间归入时段。",
        "Ended conversations with a final QA score (automatic or manual), placed in time by their end.",
        "count(conversations with a final QA score)", Count("qa_scored"),
    ),
    MetricDefinition(
        "qa_critical_fail_rate", Unit.SHARE, L, "关键项不合格率", "QA critical failure rate",
        "已质检会话中最终得分有关键项不合格的比例。",
        "Share of QA-scored conversations whose final score failed a critical item.",
        "count(final score failed a critical item) / count(QA-scored conversations)",
        Share("qa_critical_failed", "qa_scored"),
    ),
    MetricDefinition(
        "compliance_violation_rate", Unit.SHARE, L, "合规违规率", "Compliance violation rate",
        "已质检会话中最终得分含合规违规（未被复核推翻）的比例。",
        "Share of QA-scored conversations whose final score holds a compliance violation (not overridden).",
        "count(final score with ≥ 1 compliance violation) / count(QA-scored conversations)",
        Share("qa_compliance_violations", "qa_scored"),
    ),
    MetricDefinition(
        "negative_sentiment_rate", Unit.SHARE, L, "客户负面情绪率", "Negative sentiment rate",
        "已质检会话中客户情绪为负面或持续恶化的比例（词典法，准确率见 docs/quality.md）。",
        "Share of QA-scored conversations where the customer's sentiment was negative or worsening "
        "(lexicon method; accuracy in docs/quality.md).",
        "count(negative customer sentiment) / count(QA-scored conversations)",
        Share("qa_negative_sentiment", "qa_scored"),
    ),
)
"""Keys computed from the quality feature's per-conversation QA fact (``qa_conversation_fact``), not the rollup."""
QA_METRICS_BY_KEY = {definition.key: definition for definition in QA_METRICS}
