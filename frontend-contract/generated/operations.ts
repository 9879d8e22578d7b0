/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** What an audit entry records. / 审计记录的动作类型。 */
export type AuditAction =
  /** Access to a record was given or taken (a review assignment). / 授予或收回了对记录的访问（如质检分配）。 */
  | 'ACCESS_GRANT'
  /** An attempt was refused; `detail.reason` says why. / 访问被拒绝，原因见 `detail.reason`。 */
  | 'DENIED'
  /** A customer's personal data was erased. / 删除了客户的个人数据。 */
  | 'ERASURE'
  /** Personal data was exported. / 导出了个人数据。 */
  | 'EXPORT'
  /** A policy rule was granted or revoked. / 授予或撤销了一条策略。 */
  | 'POLICY_CHANGE'
  /** Someone else's individual-level data was returned. / 返回了他人的个人级数据。 */
  | 'READ'
  /** A retention run anonymised or purged old data. / 数据保留任务匿名化或清除了过期数据。 */
  | 'RETENTION';

/** Narrow the audit log; every part optional, all given parts apply. / 审计筛选（均可选，同时生效）。 */
export type AuditFilterInput = {
  /** Only this action. / 仅该动作。 */
  action?: AuditAction | null | undefined;
  /** Only this actor (token subject). / 仅该操作者。 */
  actor?: string | null | undefined;
  /** At or after this instant. / 起始时间（含）。 */
  from?: unknown;
  /** Only this request. / 仅该请求。 */
  requestId?: string | null | undefined;
  /** Only entries about this subject: an `Agent`, `Customer`, `Team` or `Conversation` id. / 仅涉及该主体的记录（`Agent`、`Customer`、`Team` 或 `Conversation` 的 ID）。 */
  subjectId?: string | null | undefined;
  /** Only entries about this kind of subject. / 仅该类数据主体。 */
  subjectKind?: AuditSubjectKind | null | undefined;
  /** Before this instant. / 截止时间（不含）。 */
  to?: unknown;
};

/** Whose data an audit entry is about. / 审计记录涉及的数据主体类型。 */
export type AuditSubjectKind =
  /** An agent (subject id: an `Agent` id). / 坐席（主体 ID 为 `Agent` 的 ID）。 */
  | 'AGENT'
  /** A conversation (subject id: a `Conversation` id). / 会话（主体 ID 为 `Conversation` 的 ID）。 */
  | 'CONVERSATION'
  /** A customer (subject id: a `Customer` id). / 客户（主体 ID 为 `Customer` 的 ID）。 */
  | 'CUSTOMER'
  /** A team (subject id: a `Team` id). / 团队（主体 ID 为 `Team` 的 ID）。 */
  | 'TEAM';

/** How a conversation ended. / 会话结束结果。 */
export type ConversationResolution =
  /** The customer left before being served. / 客户在接待前离开。 */
  | 'ABANDONED'
  /** The customer's matter was settled. / 问题已解决。 */
  | 'RESOLVED'
  /** Ended without settling it. / 结束但未解决。 */
  | 'UNRESOLVED';

/** Whose personal data to erase. / 要删除其个人数据的客户。 */
export type EraseCustomerInput = {
  /** Global id of the customer (a customer known only from conversations may be erased too). / 客户的全局 ID（仅在会话中出现过的客户也可删除）。 */
  customerId: string;
};

/** Who sent a message. / 消息发送方。 */
export type MessageSender =
  /** A service agent. / 客服坐席。 */
  | 'AGENT'
  /** The chat bot. / 机器人。 */
  | 'BOT'
  /** The customer. / 客户。 */
  | 'CUSTOMER'
  /** The system (notices, transfers). / 系统（通知、转接等）。 */
  | 'SYSTEM';

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

/** What a permission allows. / 权限允许的动作。 */
export type PolicyAction =
  /** Erase the personal data of records (customers). / 删除记录（客户）的个人数据。 */
  | 'ERASE'
  /** Read a Query or object field, or rows of a record type. / 读取查询字段、对象字段或记录行。 */
  | 'READ'
  /** Run a mutation, or change rows of a record type. / 执行变更或修改记录行。 */
  | 'WRITE';

/** A permission, or a membership in a role or group. / 规则类型：权限或成员关系。 */
export type PolicyRuleKind =
  /** `subject` joins the role or group `joins` and gets its permissions. / 成员关系：`subject` 加入 `joins` 所指角色或组并获得其权限。 */
  | 'MEMBERSHIP'
  /** `subject` may `action` on `object` within `scope`. / 权限：`subject` 可在 `scope` 范围内对 `object` 执行 `action`。 */
  | 'PERMISSION';

/** How much of the object a permission gives. / 权限的范围。 */
export type PolicyScope =
  /** Metrics: aggregates over enough agents, agents pseudonymised. / 指标：足够多坐席的汇总，坐席匿名化。 */
  | 'AGGREGATE'
  /** Rows: every row. / 记录：全部。 */
  | 'ALL'
  /** Rows: those assigned to you for review. / 记录：分配给你质检的。 */
  | 'ASSIGNED'
  /** A field, in full. / 字段：完整值。 */
  | 'FULL'
  /** A field, redacted (`138****5678`). / 字段：脱敏值。 */
  | 'MASKED'
  /** Rows: your own. / 记录：本人的。 */
  | 'OWN'
  /** Rows: those of the teams you lead and their sub-teams. / 记录：所负责团队（含下级团队）的。 */
  | 'TEAM'
  /** Metrics: such aggregates, of the teams you lead only. / 指标：仅限所负责团队的此类汇总。 */
  | 'TEAM_AGGREGATE';

/** Why a mutation's input was refused. / 变更输入被拒绝的原因。 */
export type UserErrorCode =
  /** A record with this key exists already. / 相同键的记录已存在。 */
  | 'ALREADY_EXISTS'
  /** A value is malformed or out of range. / 取值格式错误或超出范围。 */
  | 'INVALID'
  /** The record's current state does not allow this change. / 记录当前状态不允许此变更。 */
  | 'INVALID_STATE'
  /** An id names no record you may see. / ID 未指向你可见的记录。 */
  | 'NOT_FOUND';

export type EraseCustomerMutationVariables = Exact<{
  input: EraseCustomerInput;
}>;


export type EraseCustomerMutation = { eraseCustomer: { erasure: { customerId: string, personalRecordsCleared: number, messagesCleared: number, commentsCleared: number, rawEventsScrubbed: number, erasedAt: unknown } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type PolicyOverviewQueryVariables = Exact<{
  subject?: string | null | undefined;
  kind?: PolicyRuleKind | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PolicyOverviewQuery = { policyRevision: number, policyRules: { totalCount: number, nodes: Array<{ kind: PolicyRuleKind, subject: string, object: string | null, action: PolicyAction | null, scope: PolicyScope | null, joins: string | null, default: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyNumbersQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type MyNumbersQuery = { me: { subject: string, roles: Array<string> }, daily: Array<{ bucket: string | null, values: Array<{ key: MetricKey, value: number | null, sampleSize: number }> }>, conversations: { totalCount: number, nodes: Array<{ id: string, externalId: string, channel: string | null, startedAt: unknown, endedAt: unknown, resolution: ConversationResolution | null, csat: number | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AuditTrailQueryVariables = Exact<{
  filter?: AuditFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditTrailQuery = { auditLog: { totalCount: number, nodes: Array<{ id: string, externalId: string, at: unknown, actor: string, actorRoles: Array<string>, action: AuditAction, objectType: string, subjectKind: AuditSubjectKind | null, subjectId: string | null, fields: Array<string>, detail: unknown }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AgentDataExportQueryVariables = Exact<{
  agentId: string;
}>;


export type AgentDataExportQuery = { agentDataExport: unknown };

export type AgentRosterQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  active?: boolean | null | undefined;
}>;


export type AgentRosterQuery = { agents: { totalCount: number, nodes: Array<{ id: string, name: string | null, hireDate: unknown, active: boolean | null, team: { id: string, name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TeamPeriodComparisonQueryVariables = Exact<{
  teamId: string;
  before: PeriodInput;
  after: PeriodInput;
}>;


export type TeamPeriodComparisonQuery = { metricPeriodComparison: Array<{ agentId: string | null, deltas: Array<{ metric: MetricKey, absolute: number | null, relative: number | null, change: PeriodChange, before: { value: number | null, sampleSize: number }, after: { value: number | null, sampleSize: number } }> }> };

export type TeamDashboardQueryVariables = Exact<{
  team: string;
  teamId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type TeamDashboardQuery = { serviceInfo: { timezone: string }, team: { id: string, name: string, agents: { totalCount: number, nodes: Array<{ id: string, name: string | null }> } | null } | null, metricCatalogue: Array<{ key: MetricKey, unit: MetricUnit, direction: MetricDirection, labelEn: string, labelZh: string }>, dailyKpis: Array<{ bucket: string | null, suppressed: boolean, values: Array<{ key: MetricKey, value: number | null, sampleSize: number }>, freshness: { asOf: string | null, current: boolean, importInProgress: boolean } }> };

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


export type ReviewQueueQuery = { me: { subject: string }, reviewAssignments: { nodes: Array<{ id: string, conversationId: string, assignedBy: string, assignedAt: unknown, conversation: { id: string, externalId: string, channel: string | null, startedAt: unknown, csat: number | null, agent: { id: string, name: string | null } | null, messages: { nodes: Array<{ id: string, sender: MessageSender, text: string | null, sentAt: unknown }> } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };
