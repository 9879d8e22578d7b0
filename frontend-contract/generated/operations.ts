/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** The alert to acknowledge. / 要确认的告警。 */
export type AcknowledgeAlertInput = {
  /** The alert's global id. / 告警全局 ID。 */
  id: string;
  /** A note. / 备注。 */
  note?: string | null | undefined;
};

/** Which side of the line alerts. / 越过哪一侧告警。 */
export type AlertComparator =
  /** Alert when the value is above. / 高于时告警。 */
  | 'ABOVE'
  /** Alert when the value is below. / 低于时告警。 */
  | 'BELOW';

/** Narrow the alerts. / 告警筛选。 */
export type AlertFilterInput = {
  /** Raised before. / 触发时间早于。 */
  raisedBefore?: string | null | undefined;
  /** Raised at or after. / 触发时间不早于。 */
  raisedFrom?: string | null | undefined;
  /** Only this scope id. / 仅此范围 ID。 */
  scopeId?: string | null | undefined;
  /** Only this kind of scope. / 仅此范围类型。 */
  scopeKind?: AlertScopeKind | null | undefined;
  /** Only these severities. / 仅这些级别。 */
  severities?: Array<AlertSeverity> | null | undefined;
  /** Only these states. / 仅这些状态。 */
  states?: Array<AlertState> | null | undefined;
};

/** How an alert was resolved. / 告警的解决方式。 */
export type AlertResolution =
  /** A person resolved it. / 人工解决。 */
  | 'MANUAL'
  /** Late events showed the window never crossed. / 迟到事件表明该窗口并未越线。 */
  | 'NOT_CROSSED'
  /** The value came back past the hysteresis. / 数值回落超过回差。 */
  | 'RECOVERED';

/** Where a rule looks. / 规则的范围类型。 */
export type AlertScopeKind =
  /** An agent. / 坐席。 */
  | 'AGENT'
  /** A conversation category. / 会话类别。 */
  | 'CATEGORY'
  /** A channel (queue). / 渠道（队列）。 */
  | 'CHANNEL'
  /** The whole organisation. / 整个组织。 */
  | 'ORGANISATION'
  /** A team (its final agents' conversations). / 团队。 */
  | 'TEAM';

/** How urgent an alert is. / 告警级别。 */
export type AlertSeverity =
  /** Act now; administrators are told too. / 严重，管理员同时收到。 */
  | 'CRITICAL'
  /** For information. / 提示。 */
  | 'INFO'
  /** Look soon. / 警告。 */
  | 'WARNING';

/** What a rule watches. / 规则监测的对象。 */
export type AlertSource =
  /** Compliance findings of auto-QA. / 自动质检的合规违规。 */
  | 'COMPLIANCE_FINDING'
  /** Conversations waiting in a queue longer than the threshold (minutes). / 排队等待超过阈值（分钟）的会话。 */
  | 'CONVERSATION_WAITING'
  /** A catalogue metric. / 指标目录中的指标。 */
  | 'METRIC';

/** Where an alert stands. / 告警状态。 */
export type AlertState =
  /** Someone is on it. / 已确认处理中。 */
  | 'ACKNOWLEDGED'
  /** Raised, nobody has taken it yet. / 已触发，尚无人处理。 */
  | 'OPEN'
  /** Over. / 已解决。 */
  | 'RESOLVED';

/** The window a rule's value is computed over. / 规则取值的时间窗口。 */
export type AlertWindow =
  /** The last 15 minutes. / 最近 15 分钟。 */
  | 'MINUTES_15'
  /** The last 30 minutes. / 最近 30 分钟。 */
  | 'MINUTES_30'
  /** The last 60 minutes. / 最近 60 分钟。 */
  | 'MINUTES_60'
  /** Since the local day began. / 当天至今。 */
  | 'TODAY'
  /** Since the local week (Monday) began. / 本周（周一起）至今。 */
  | 'WEEK';

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
  from?: string | null | undefined;
  /** Only this request. / 仅该请求。 */
  requestId?: string | null | undefined;
  /** Only entries about this subject: an `Agent`, `Customer`, `Team` or `Conversation` id. / 仅涉及该主体的记录（`Agent`、`Customer`、`Team` 或 `Conversation` 的 ID）。 */
  subjectId?: string | null | undefined;
  /** Only entries about this kind of subject. / 仅该类数据主体。 */
  subjectKind?: AuditSubjectKind | null | undefined;
  /** Before this instant. / 截止时间（不含）。 */
  to?: string | null | undefined;
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

/** A new alert rule. / 新建告警规则。 */
export type CreateAlertRuleInput = {
  /** Which side alerts. / 告警方向。 */
  comparator: AlertComparator;
  /** Cool-down in minutes. / 冷却分钟数。 */
  cooldownMinutes?: number;
  /** … standard deviations from the baseline. / ……偏离基线的标准差倍数。 */
  deviations?: number | null | undefined;
  /** Evaluated. / 是否启用。 */
  enabled?: boolean;
  /** Hysteresis. / 回差。 */
  hysteresis?: number;
  /** Catalogue metric key (metric rules). / 指标键。 */
  metric?: string | null | undefined;
  /** Minimum sample size. / 最小样本量。 */
  minSample?: number;
  /** Name in English. / 英文名称。 */
  name: string;
  /** Name in Chinese. / 中文名称。 */
  nameZh: string;
  /** One team, agent, channel or category; null: each. / 指定范围 ID；为空表示逐个。 */
  scopeId?: string | null | undefined;
  /** Kind of scope. / 范围类型。 */
  scopeKind: AlertScopeKind;
  /** Severity. / 级别。 */
  severity: AlertSeverity;
  /** What it watches. / 监测对象。 */
  source: AlertSource;
  /** Threshold, or … / 阈值，或…… */
  threshold?: number | null | undefined;
  /** Window. / 时间窗口。 */
  window: AlertWindow;
};

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

export type AlertRulesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AlertRulesQuery = { alertRules: { totalCount: number, nodes: Array<{ id: string, name: string, nameZh: string, source: AlertSource, metric: string | null, scopeKind: AlertScopeKind, scopeId: string | null, window: AlertWindow, comparator: AlertComparator, threshold: number | null, deviations: number | null, minSample: number, severity: AlertSeverity, hysteresis: number, cooldownMinutes: number, enabled: boolean, version: number, updatedAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateAlertRuleMutationVariables = Exact<{
  input: CreateAlertRuleInput;
}>;


export type CreateAlertRuleMutation = { createAlertRule: { rule: { id: string, name: string, metric: string | null, scopeKind: AlertScopeKind, window: AlertWindow, comparator: AlertComparator, threshold: number | null, version: number } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type EraseCustomerMutationVariables = Exact<{
  input: EraseCustomerInput;
}>;


export type EraseCustomerMutation = { eraseCustomer: { erasure: { customerId: string, personalRecordsCleared: number, messagesCleared: number, commentsCleared: number, rawEventsScrubbed: number, erasedAt: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type PolicyOverviewQueryVariables = Exact<{
  subject?: string | null | undefined;
  kind?: PolicyRuleKind | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PolicyOverviewQuery = { policyRevision: number, policyRules: { totalCount: number, nodes: Array<{ kind: PolicyRuleKind, subject: string, object: string | null, action: PolicyAction | null, scope: PolicyScope | null, joins: string | null, default: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyNumbersQueryVariables = Exact<{
  period?: PeriodInput | null | undefined;
  first?: number | null | undefined;
}>;


export type MyNumbersQuery = { me: { subject: string, roles: Array<string> }, daily: Array<{ bucketDate: string | null, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }> }>, conversations: { totalCount: number, nodes: Array<{ id: string, externalId: string, channel: string | null, startedAt: string, endedAt: string | null, resolution: ConversationResolution | null, csat: number | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AuditTrailQueryVariables = Exact<{
  filter?: AuditFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditTrailQuery = { auditLog: { totalCount: number, nodes: Array<{ id: string, externalId: string, at: string, actor: string, actorRoles: Array<string>, action: AuditAction, objectType: string, subjectKind: AuditSubjectKind | null, subjectId: string | null, fields: Array<string>, detail: unknown }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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

export type AcknowledgeAlertMutationVariables = Exact<{
  input: AcknowledgeAlertInput;
}>;


export type AcknowledgeAlertMutation = { acknowledgeAlert: { alert: { id: string, state: AlertState, acknowledgedBy: string | null, notes: Array<{ by: string, text: string }> } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type AlertFeedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlertFeedSubscription = { alertRaised: { id: string, state: AlertState, severity: AlertSeverity, scopeKind: AlertScopeKind, scopeId: string, windowStart: string, windowEnd: string, value: number | null, threshold: number | null, raisedAt: string, rule: { id: string, name: string, nameZh: string, source: AlertSource, metric: string | null } | null } };

export type AlertsQueryVariables = Exact<{
  filter?: AlertFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AlertsQuery = { alerts: { totalCount: number, nodes: Array<{ id: string, state: AlertState, severity: AlertSeverity, scopeKind: AlertScopeKind, scopeId: string, windowStart: string, windowEnd: string, value: number | null, lastValue: number | null, threshold: number | null, sampleSize: number, raisedAt: string, acknowledgedBy: string | null, acknowledgedAt: string | null, resolvedBy: string | null, resolvedAt: string | null, resolution: AlertResolution | null, notes: Array<{ by: string, at: string, text: string }>, rule: { id: string, name: string, nameZh: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TeamPeriodComparisonQueryVariables = Exact<{
  teamId: string;
  before: PeriodInput;
  after: PeriodInput;
}>;


export type TeamPeriodComparisonQuery = { metricPeriodComparison: Array<{ agentId: string | null, agent: { name: string | null } | null, deltas: Array<{ metric: MetricKey, absolute: number | null, relative: number | null, change: PeriodChange, before: { value: number | null, count: number | null, sampleSize: number }, after: { value: number | null, count: number | null, sampleSize: number } }> }> };

export type TeamDashboardQueryVariables = Exact<{
  teamId: string;
  period?: PeriodInput | null | undefined;
}>;


export type TeamDashboardQuery = { serviceInfo: { timezone: string }, team: { id: string, name: string, agents: { totalCount: number, nodes: Array<{ id: string, name: string | null }> } | null } | null, metricCatalogue: Array<{ key: MetricKey, unit: MetricUnit, direction: MetricDirection, label: string }>, dailyKpis: Array<{ bucketDate: string | null, suppressed: boolean, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }>, freshness: { asOf: string | null, current: boolean, importInProgress: boolean } }> };

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


export type ReviewQueueQuery = { me: { subject: string }, reviewAssignments: { nodes: Array<{ id: string, conversationId: string, assignedBy: string, assignedAt: string, conversation: { id: string, externalId: string, channel: string | null, startedAt: string, csat: number | null, agent: { id: string, name: string | null } | null, messages: { nodes: Array<{ id: string, sender: MessageSender, text: string | null, sentAt: string }> } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };
