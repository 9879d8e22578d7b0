/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Narrow the audit log. / 审计筛选。 */
export type AuditFilterInput = {
  /** Action. / 动作。 */
  action?: string | null | undefined;
  /** Actor subject. / 操作者。 */
  actor?: string | null | undefined;
  /** At or after (RFC 3339). / 起始时间（含）。 */
  from?: string | null | undefined;
  /** Request id. / 请求 ID。 */
  requestId?: string | null | undefined;
  /** Subject id. / 主体 ID。 */
  subjectId?: string | null | undefined;
  /** Subject kind. / 主体类型。 */
  subjectKind?: string | null | undefined;
  /** Before (RFC 3339). / 截止时间（不含）。 */
  to?: string | null | undefined;
};

/** Whether a higher or a lower value is better; NEUTRAL for volumes. / 越高越好、越低越好，或（量）中性。 */
export type MetricDirection =
  /** Higher is better. / 越高越好。 */
  | 'HIGHER'
  /** Lower is better. / 越低越好。 */
  | 'LOWER'
  /** Neither (a volume). / 中性（量指标）。 */
  | 'NEUTRAL';

/** A metric of the catalogue (`metricCatalogue`), its key upper-cased. / 指标目录中的指标（键名大写）。 */
export type MetricKey =
  /** Abandon rate. / 放弃率。 */
  | 'ABANDON_RATE'
  /** Conversations. / 会话量。 */
  | 'CONVERSATIONS'
  /** Average CSAT. / 平均满意度。 */
  | 'CSAT_AVG'
  /** CSAT top-2 rate. / 满意度好评率。 */
  | 'CSAT_TOP2_RATE'
  /** First contact resolution. / 首次解决率。 */
  | 'FCR_RATE'
  /** Average first response (s). / 平均首次响应时长（秒）。 */
  | 'FIRST_RESPONSE_AVG_S'
  /** First response P90 (s). / 首次响应时长 P90（秒）。 */
  | 'FIRST_RESPONSE_P90_S'
  /** Handled. / 人工处理量。 */
  | 'HANDLED'
  /** Average handle time (s). / 平均处理时长（秒）。 */
  | 'HANDLE_AVG_S'
  /** Knowledge-base hit rate. / 知识库命中率。 */
  | 'KB_HIT_RATE'
  /** Average knowledge-base time to hit (s). / 知识库平均命中时长（秒）。 */
  | 'KB_TIME_TO_HIT_AVG_S'
  /** Net promoter score. / 净推荐值。 */
  | 'NPS'
  /** Average queue wait (s). / 平均排队时长（秒）。 */
  | 'QUEUE_WAIT_AVG_S'
  /** Repeat rate. / 复联率。 */
  | 'REPEAT_RATE'
  /** Average response (s). / 平均响应时长（秒）。 */
  | 'RESPONSE_AVG_S'
  /** Self-service rate. / 自助解决率。 */
  | 'SELF_SERVICE_RATE'
  /** Service level. / 服务水平。 */
  | 'SERVICE_LEVEL'
  /** Transfer rate. / 转接率。 */
  | 'TRANSFER_RATE'
  /** Average transfer transit (s). / 平均转接在途时长（秒）。 */
  | 'TRANSFER_TRANSIT_AVG_S';

/** COUNT, SECONDS, SHARE (0–1), SCORE (CSAT 1–5) or NPS (−100–100). / 单位：计数、秒、比例（0–1）、评分或 NPS。 */
export type MetricUnit =
  /** A count: exact in `count` (Int), also in `value`. / 计数：精确值见 `count`（整数），`value` 中亦有。 */
  | 'COUNT'
  /** Net promoter score, −100 to 100. / 净推荐值，−100 至 100。 */
  | 'NPS'
  /** A score (CSAT 1–5). / 评分（满意度 1–5）。 */
  | 'SCORE'
  /** Seconds. / 秒。 */
  | 'SECONDS'
  /** A share in [0, 1]. / 比例，取值 0–1。 */
  | 'SHARE';

/** PEAK: volume ≥ the upper quartile of non-empty cells; VALLEY: ≤ the lower quartile; EMPTY: no conversations. / 高峰：会话量 ≥ 非空格上四分位数；低谷：≤ 下四分位数；空：无会话。 */
export type PeakLevel =
  /** No conversations. / 无会话。 */
  | 'EMPTY'
  /** Volume at or above the upper quartile. / 会话量 ≥ 上四分位数。 */
  | 'PEAK'
  /** Between the quartiles. / 介于上下四分位数之间。 */
  | 'REGULAR'
  /** Volume at or below the lower quartile. / 会话量 ≤ 下四分位数。 */
  | 'VALLEY';

/** How the after period compares by the metric's direction; not a significance test. NOT_JUDGED: a side is null or the metric is a volume. / 按指标方向比较之后时段（非显著性检验）；任一侧为空或为量指标时为 NOT_JUDGED。 */
export type PeriodChange =
  /** Better by the metric's direction. / 按指标方向变好。 */
  | 'IMPROVED'
  /** A side is null or the metric is a volume. / 任一侧为空或为量指标。 */
  | 'NOT_JUDGED'
  /** The same value. / 数值不变。 */
  | 'UNCHANGED'
  /** Worse by the metric's direction. / 按指标方向变差。 */
  | 'WORSENED';

/** A range of the bucketing instant (a conversation's start, a search's ts). The lower bound is `from` (a day, from its local midnight) or `start` (an instant, included); the upper bound is `to` (a day, included to its end) or `end` (an instant, excluded). Each side takes one of its two; an absent side is unbounded. / 分桶时刻（会话开始、搜索时间）的范围。下界为 `from`（日期，自当地零点起）或 `start`（时间点，含）；上界为 `to`（日期，含当天）或 `end`（时间点，不含）。每侧二选一，缺省表示不限。 */
export type PeriodInput = {
  /** Instant the period ends before, excluded (instead of `to`). / 结束时间点（不含；代替 `to`）。 */
  end?: string | null | undefined;
  /** First day, included (organisation's time zone). / 起始日（含，组织时区）。 */
  from?: string | null | undefined;
  /** First instant, included (instead of `from`). / 起始时间点（含；代替 `from`）。 */
  start?: string | null | undefined;
  /** Last day, included (organisation's time zone). / 结束日（含，组织时区）。 */
  to?: string | null | undefined;
};

/** p: a permission; g: a role joins a role or group. / 规则类型。 */
export type PolicyRuleKind =
  | 'G'
  | 'P';

export type EraseCustomerMutationVariables = Exact<{
  customerId: string;
}>;


export type EraseCustomerMutation = { eraseCustomer: { customerId: string, personalRecordsCleared: number, messagesCleared: number, commentsCleared: number, rawEventsScrubbed: number, erasedAt: string } };

export type PolicyOverviewQueryVariables = Exact<{
  subject?: string | null | undefined;
}>;


export type PolicyOverviewQuery = { policyRevision: number, policyRules: Array<{ kind: PolicyRuleKind, subject: string, object: string, action: string | null, scope: string | null, default: boolean }> };

export type MyNumbersQueryVariables = Exact<{
  period?: PeriodInput | null | undefined;
  first?: number | null | undefined;
}>;


export type MyNumbersQuery = { me: { subject: string, roles: Array<string> }, daily: Array<{ bucketDate: string | null, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }> }>, conversations: { totalCount: number, nodes: Array<{ id: string, channel: string | null, startedAt: string | null, endedAt: string | null, resolution: string | null, csat: number | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AuditTrailQueryVariables = Exact<{
  filter?: AuditFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditTrailQuery = { auditLog: { totalCount: number, nodes: Array<{ id: string, at: string, actor: string, actorRoles: Array<string>, action: string, objectType: string, subjectKind: string | null, subjectId: string | null, fields: Array<string> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AgentDataExportQueryVariables = Exact<{
  agentId: string;
}>;


export type AgentDataExportQuery = { agentDataExport: unknown };

export type AgentRosterQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  active?: boolean | null | undefined;
}>;


export type AgentRosterQuery = { agents: { totalCount: number, nodes: Array<{ id: string, name: string | null, hireDate: string | null, active: boolean | null, team: { id: string, name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TeamPeriodComparisonQueryVariables = Exact<{
  teamId: string;
  before: PeriodInput;
  after: PeriodInput;
}>;


export type TeamPeriodComparisonQuery = { metricPeriodComparison: Array<{ agentId: string | null, agent: { name: string | null } | null, deltas: Array<{ metric: MetricKey, absolute: number | null, relative: number | null, change: PeriodChange, before: { value: number | null, count: number | null, sampleSize: number }, after: { value: number | null, count: number | null, sampleSize: number } }> }> };

export type TeamDashboardQueryVariables = Exact<{
  team: string;
  teamId: string;
  period?: PeriodInput | null | undefined;
}>;


export type TeamDashboardQuery = { serviceInfo: { timezone: string }, team: { id: string, name: string, agents: Array<{ id: string, name: string | null }> | null } | null, metricCatalogue: Array<{ key: MetricKey, unit: MetricUnit, direction: MetricDirection, label: string }>, dailyKpis: Array<{ bucketDate: string | null, suppressed: boolean, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }>, freshness: { asOf: string | null, current: boolean, importInProgress: boolean } }> };

export type TeamPeaksQueryVariables = Exact<{
  teamId: string;
  period?: PeriodInput | null | undefined;
}>;


export type TeamPeaksQuery = { metricPeaks: { peakThreshold: number | null, valleyThreshold: number | null, cells: Array<{ weekday: number, hour: number, conversations: number, level: PeakLevel, serviceLevel: { value: number | null, sampleSize: number } }> } };

export type TeamRankingsQueryVariables = Exact<{
  teamId: string;
  period?: PeriodInput | null | undefined;
  minimumIntervals?: number;
  minimumConversations?: number;
}>;


export type TeamRankingsQuery = { steadinessRanking: Array<{ rank: number, agentId: string, ratio: number, agent: { name: string | null } | null, peakResponse: { value: number | null, sampleSize: number }, offPeakResponse: { value: number | null, sampleSize: number } }>, fcrRoomRanking: Array<{ rank: number, agentId: string, gap: number, conversationsToGain: number, fcrRate: { value: number | null, sampleSize: number } }> };

export type ReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReviewQueueQuery = { me: { subject: string }, reviewAssignments: Array<{ conversationId: string, assignedBy: string, assignedAt: string, conversation: { id: string, channel: string | null, startedAt: string | null, csat: number | null, agent: { id: string, name: string | null } | null, messages: Array<{ id: string, sender: string, text: string | null, sentAt: string }> | null } | null }> };
