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
  | 'HIGHER'
  | 'LOWER'
  | 'NEUTRAL';

/** A metric of the catalogue (`metricCatalogue`), its key upper-cased. / 指标目录中的指标（键名大写）。 */
export type MetricKey =
  | 'ABANDON_RATE'
  | 'CONVERSATIONS'
  | 'CSAT_AVG'
  | 'CSAT_TOP2_RATE'
  | 'FCR_RATE'
  | 'FIRST_RESPONSE_AVG_S'
  | 'FIRST_RESPONSE_P90_S'
  | 'HANDLED'
  | 'HANDLE_AVG_S'
  | 'KB_HIT_RATE'
  | 'KB_TIME_TO_HIT_AVG_S'
  | 'NPS'
  | 'QUEUE_WAIT_AVG_S'
  | 'REPEAT_RATE'
  | 'RESPONSE_AVG_S'
  | 'SELF_SERVICE_RATE'
  | 'SERVICE_LEVEL'
  | 'TRANSFER_RATE'
  | 'TRANSFER_TRANSIT_AVG_S';

/** COUNT, SECONDS, SHARE (0–1), SCORE (CSAT 1–5) or NPS (−100–100). / 单位：计数、秒、比例（0–1）、评分或 NPS。 */
export type MetricUnit =
  | 'COUNT'
  | 'NPS'
  | 'SCORE'
  | 'SECONDS'
  | 'SHARE';

/** PEAK: volume ≥ the upper quartile of non-empty cells; VALLEY: ≤ the lower quartile; EMPTY: no conversations. / 高峰：会话量 ≥ 非空格上四分位数；低谷：≤ 下四分位数；空：无会话。 */
export type PeakLevel =
  | 'EMPTY'
  | 'PEAK'
  | 'REGULAR'
  | 'VALLEY';

/** How the after period compares by the metric's direction; not a significance test. NOT_JUDGED: a side is null or the metric is a volume. / 按指标方向比较之后时段（非显著性检验）；任一侧为空或为量指标时为 NOT_JUDGED。 */
export type PeriodChange =
  | 'IMPROVED'
  | 'NOT_JUDGED'
  | 'UNCHANGED'
  | 'WORSENED';

/** A range on the bucketing instant: `from` inclusive, `to` exclusive; `YYYY-MM-DD` or RFC 3339 (without offset: the organisation's time zone). Null is unbounded. / 时间范围：含起点、不含终点；可为日期或 RFC 3339 时间（不带偏移时按组织时区），为空表示不限。 */
export type PeriodInput = {
  /** Start (inclusive). / 起点（含）。 */
  from?: string | null | undefined;
  /** End (exclusive). / 终点（不含）。 */
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
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type MyNumbersQuery = { me: { subject: string, roles: Array<string> }, daily: Array<{ bucket: string | null, values: Array<{ key: MetricKey, value: number | null, sampleSize: number }> }>, conversations: { totalCount: number, nodes: Array<{ id: string, channel: string | null, startedAt: string | null, endedAt: string | null, resolution: string | null, csat: number | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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


export type TeamPeriodComparisonQuery = { metricPeriodComparison: Array<{ agentId: string | null, deltas: Array<{ metric: MetricKey, absolute: number | null, relative: number | null, change: PeriodChange, before: { value: number | null, sampleSize: number }, after: { value: number | null, sampleSize: number } }> }> };

export type TeamDashboardQueryVariables = Exact<{
  teamId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type TeamDashboardQuery = { serviceInfo: { timezone: string }, team: { id: string, name: string, agents: Array<{ id: string, name: string | null }> | null } | null, metricCatalogue: Array<{ key: MetricKey, unit: MetricUnit, direction: MetricDirection, labelEn: string, labelZh: string }>, dailyKpis: Array<{ bucket: string | null, suppressed: boolean, values: Array<{ key: MetricKey, value: number | null, sampleSize: number }>, freshness: { asOf: string | null, current: boolean, importInProgress: boolean } }> };

export type TeamPeaksQueryVariables = Exact<{
  teamId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type TeamPeaksQuery = { metricPeaks: { peakThreshold: number | null, valleyThreshold: number | null, cells: Array<{ weekday: number, hour: number, conversations: number, level: PeakLevel, serviceLevel: { value: number | null, sampleSize: number } }> } };

export type TeamRankingsQueryVariables = Exact<{
  teamId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
  minimumIntervals?: number;
  minimumConversations?: number;
}>;


export type TeamRankingsQuery = { steadinessRanking: Array<{ rank: number, agentId: string, ratio: number, peakResponse: { value: number | null, sampleSize: number }, offPeakResponse: { value: number | null, sampleSize: number } }>, fcrRoomRanking: Array<{ rank: number, agentId: string, gap: number, conversationsToGain: number, fcrRate: { value: number | null, sampleSize: number } }> };

export type ReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReviewQueueQuery = { me: { subject: string }, reviewAssignments: Array<{ conversationId: string, assignedBy: string, assignedAt: string, conversation: { id: string, channel: string | null, startedAt: string | null, csat: number | null, agent: { id: string, name: string | null } | null, messages: Array<{ id: string, sender: string, text: string | null, sentAt: string }> | null } | null }> };
