/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** A task to acknowledge. / 要确认的任务。 */
export type AcknowledgeTaskInput = {
  /** The task (global id). / 任务全局 ID。 */
  id: string;
};

/** A new coaching plan for an agent of your team. / 为本团队坐席新建辅导计划。 */
export type AssignCoachingPlanInput = {
  /** The agent (global id). / 坐席（全局 ID）。 */
  agentId: string;
  /** Evaluated at the end of this local date. / 评估日期。 */
  evaluationDate: string;
  /** The goal it serves. / 关联目标。 */
  goalId?: string | null | undefined;
  /** Catalogue metric to move. / 目标指标键。 */
  metricKey: string;
  /** A note to the agent. / 给坐席的备注。 */
  note?: string | null | undefined;
  /** Its tasks. / 任务列表。 */
  tasks: Array<CoachingTaskInput>;
  /** Title. / 标题。 */
  title: string;
};

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

/** The plan to cancel. / 要取消的计划。 */
export type CancelCoachingPlanInput = {
  /** The plan (global id). / 计划全局 ID。 */
  id: string;
};

/** Narrow the coaching plans. / 辅导计划筛选。 */
export type CoachingPlanFilterInput = {
  /** Only this agent (global id). / 仅该坐席。 */
  agentId?: string | null | undefined;
  /** Only this metric. / 仅此指标。 */
  metricKey?: string | null | undefined;
  /** Only this status. / 仅此状态。 */
  status?: CoachingPlanStatus | null | undefined;
};

/** Where a coaching plan stands. / 辅导计划状态。 */
export type CoachingPlanStatus =
  /** Running to its evaluation date. / 进行中。 */
  | 'ACTIVE'
  /** Cancelled by a manager. / 已取消。 */
  | 'CANCELLED'
  /** Reached its evaluation date. / 已到评估日期。 */
  | 'ENDED';

/** A task of a plan. / 计划中的一项任务。 */
export type CoachingTaskInput = {
  /** Instructions. / 说明。 */
  detail?: string | null | undefined;
  /** Due by the end of this local date. / 截止日期（当地日期结束时）。 */
  dueDate: string;
  /** What it asks for. / 任务类型。 */
  kind: CoachingTaskKind;
  /** Training path, template or category. / 关联的培训路径、模板或类目。 */
  reference?: string | null | undefined;
  /** Title. / 标题。 */
  title: string;
};

/** What a coaching task asks for. / 辅导任务类型。 */
export type CoachingTaskKind =
  /** Anything else. / 其他。 */
  | 'CUSTOM'
  /** Read knowledge-base articles. / 知识库阅读。 */
  | 'KB_READING'
  /** A one-to-one with the manager. / 与主管一对一。 */
  | 'ONE_TO_ONE'
  /** Practise a script template. / 话术练习。 */
  | 'SCRIPT_PRACTICE'
  /** Shadow a colleague. / 跟岗学习。 */
  | 'SHADOWING'
  /** A training module. / 培训课程。 */
  | 'TRAINING_MODULE';

/** Where a coaching task stands. / 辅导任务状态。 */
export type CoachingTaskStatus =
  /** The agent saw it. / 坐席已确认。 */
  | 'ACKNOWLEDGED'
  /** No longer asked for. / 已取消。 */
  | 'CANCELLED'
  /** Done, with evidence; awaiting verification. / 已完成待核验。 */
  | 'COMPLETED'
  /** Not started. / 待处理。 */
  | 'OPEN'
  /** The manager verified it. / 主管已核验。 */
  | 'VERIFIED';

/** A task done, with evidence. / 完成任务并提交证明。 */
export type CompleteTaskInput = {
  /** What shows it is done (no customer data). / 完成证明（勿含客户信息）。 */
  evidence: string;
  /** The task (global id). / 任务全局 ID。 */
  id: string;
};

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

/** A completed task sent back. / 退回已完成的任务。 */
export type ReopenTaskInput = {
  /** A new due date. / 新截止日期。 */
  dueDate?: string | null | undefined;
  /** The task (global id). / 任务全局 ID。 */
  id: string;
  /** Why it is reopened. / 退回原因。 */
  note?: string | null | undefined;
};

/** A new version of the coaching rules. / 新版本的辅导规则。 */
export type SetCoachingRulesInput = {
  /** The rules, shaped as in policies/coaching-rules.yaml. / 规则列表（与 YAML 同结构）。 */
  rules: unknown;
};

/** Changes to an active plan; omitted fields stay. / 修改进行中的计划（未给出的字段不变）。 */
export type UpdateCoachingPlanInput = {
  /** Tasks to add. / 新增任务。 */
  addTasks?: Array<CoachingTaskInput> | null | undefined;
  /** Tasks to cancel. / 取消的任务。 */
  cancelTaskIds?: Array<string> | null | undefined;
  /** New evaluation date. / 新评估日期。 */
  evaluationDate?: string | null | undefined;
  /** The plan (global id). / 计划全局 ID。 */
  id: string;
  /** New note. / 新备注。 */
  note?: string | null | undefined;
  /** New title. / 新标题。 */
  title?: string | null | undefined;
};

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

/** A completed task to verify. / 要核验的已完成任务。 */
export type VerifyTaskInput = {
  /** The task (global id). / 任务全局 ID。 */
  id: string;
  /** A note to the agent. / 给坐席的备注。 */
  note?: string | null | undefined;
};

/** Whether the plan's workflow runs yet. / 计划工作流是否已启动。 */
export type WorkflowStatus =
  /** Committed; the start waits for Temporal. / 已提交，等待 Temporal 启动。 */
  | 'PENDING'
  /** plan-<id> was started. / 工作流已启动。 */
  | 'STARTED';

export type CoachingRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type CoachingRulesQuery = { coachingRules: { version: number, rules: unknown, createdBy: string | null, createdAt: string | null } };

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

export type SetCoachingRulesMutationVariables = Exact<{
  input: SetCoachingRulesInput;
}>;


export type SetCoachingRulesMutation = { setCoachingRules: { coachingRules: { version: number, rules: unknown } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type AcknowledgeTaskMutationVariables = Exact<{
  input: AcknowledgeTaskInput;
}>;


export type AcknowledgeTaskMutation = { acknowledgeTask: { task: { id: string, status: CoachingTaskStatus, acknowledgedAt: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type CompleteTaskMutationVariables = Exact<{
  input: CompleteTaskInput;
}>;


export type CompleteTaskMutation = { completeTask: { task: { id: string, status: CoachingTaskStatus, evidence: string | null, completedAt: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type MyNumbersQueryVariables = Exact<{
  period?: PeriodInput | null | undefined;
  first?: number | null | undefined;
}>;


export type MyNumbersQuery = { me: { subject: string, roles: Array<string> }, daily: Array<{ bucketDate: string | null, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }> }>, conversations: { totalCount: number, nodes: Array<{ id: string, externalId: string, channel: string | null, startedAt: string, endedAt: string | null, resolution: ConversationResolution | null, csat: number | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyTasksQueryVariables = Exact<{
  openOnly?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyTasksQuery = { myTasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, planId: string, kind: CoachingTaskKind, title: string, detail: string | null, dueAt: string, status: CoachingTaskStatus, overdue: boolean, reviewNote: string | null }> } };

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

export type AssignCoachingPlanMutationVariables = Exact<{
  input: AssignCoachingPlanInput;
}>;


export type AssignCoachingPlanMutation = { assignCoachingPlan: { plan: { id: string, status: CoachingPlanStatus, workflowStatus: WorkflowStatus, tasks: Array<{ id: string, title: string, dueAt: string }> } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type CancelCoachingPlanMutationVariables = Exact<{
  input: CancelCoachingPlanInput;
}>;


export type CancelCoachingPlanMutation = { cancelCoachingPlan: { plan: { id: string, status: CoachingPlanStatus, endedAt: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type CoachingLibraryQueryVariables = Exact<{
  category?: string | null | undefined;
  metricKey?: string | null | undefined;
}>;


export type CoachingLibraryQuery = { trainingPaths: Array<{ key: string, name: string, metrics: Array<string>, categories: Array<string>, durationDays: number, modules: Array<{ name: string, day: number }> }>, scriptTemplates: Array<{ key: string, text: string, categories: Array<string>, metrics: Array<string> }> };

export type CoachingPlanQueryVariables = Exact<{
  id: string;
}>;


export type CoachingPlanQuery = { coachingPlan: { id: string, agentExternalId: string, metricKey: string, title: string, note: string | null, status: CoachingPlanStatus, evaluationAt: string, endedAt: string | null, tasks: Array<{ id: string, kind: CoachingTaskKind, title: string, detail: string | null, reference: string | null, dueAt: string, status: CoachingTaskStatus, overdue: boolean, evidence: string | null, reviewNote: string | null, completedAt: string | null, verifiedAt: string | null }> } | null };

export type CoachingPlansQueryVariables = Exact<{
  filter?: CoachingPlanFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CoachingPlansQuery = { coachingPlans: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, agentExternalId: string, metricKey: string, goalId: string | null, title: string, status: CoachingPlanStatus, source: string, startsAt: string, evaluationAt: string, workflowStatus: WorkflowStatus, tasks: Array<{ id: string, kind: CoachingTaskKind, title: string, dueAt: string, status: CoachingTaskStatus, overdue: boolean }> }> } };

export type TeamPeriodComparisonQueryVariables = Exact<{
  teamId: string;
  before: PeriodInput;
  after: PeriodInput;
}>;


export type TeamPeriodComparisonQuery = { metricPeriodComparison: Array<{ agentId: string | null, agent: { name: string | null } | null, deltas: Array<{ metric: MetricKey, absolute: number | null, relative: number | null, change: PeriodChange, before: { value: number | null, count: number | null, sampleSize: number }, after: { value: number | null, count: number | null, sampleSize: number } }> }> };

export type ReopenTaskMutationVariables = Exact<{
  input: ReopenTaskInput;
}>;


export type ReopenTaskMutation = { reopenTask: { task: { id: string, status: CoachingTaskStatus, dueAt: string, reviewNote: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

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

export type UpdateCoachingPlanMutationVariables = Exact<{
  input: UpdateCoachingPlanInput;
}>;


export type UpdateCoachingPlanMutation = { updateCoachingPlan: { plan: { id: string, title: string, evaluationAt: string } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type VerifyTaskMutationVariables = Exact<{
  input: VerifyTaskInput;
}>;


export type VerifyTaskMutation = { verifyTask: { task: { id: string, status: CoachingTaskStatus, verifiedAt: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type ReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReviewQueueQuery = { me: { subject: string }, reviewAssignments: { nodes: Array<{ id: string, conversationId: string, assignedBy: string, assignedAt: string, conversation: { id: string, externalId: string, channel: string | null, startedAt: string, csat: number | null, agent: { id: string, name: string | null } | null, messages: { nodes: Array<{ id: string, sender: MessageSender, text: string | null, sentAt: string }> } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };
