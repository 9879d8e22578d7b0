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

/** A task to acknowledge. / 要确认的任务。 */
export type AcknowledgeTaskInput = {
  /** The task (global id). / 任务全局 ID。 */
  id: string;
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

/** A new coaching plan for an agent of your team. / 为本团队坐席新建辅导计划。 */
export type AssignCoachingPlanInput = {
  /** The agent (global id). / 坐席（全局 ID）。 */
  agentId: string;
  /** Evaluated at the end of this local date. / 评估日期。 */
  evaluationDate: string;
  /** The goal it serves (global id). / 关联目标（全局 ID）。 */
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

/** A new goal. / 新建目标。 */
export type CreateGoalInput = {
  /** The agent of an agent goal. / 坐席目标的坐席。 */
  agentId?: string | null | undefined;
  /** Baseline window in days before the start. / 基线期天数。 */
  baselineDays?: number;
  /** Time between milestones, at least PT1H. / 里程碑间隔，至少 PT1H。 */
  cadence?: string;
  /** Only these categories. / 仅这些类别。 */
  categories?: Array<string> | null | undefined;
  /** Only these channels. / 仅这些渠道。 */
  channels?: Array<string> | null | undefined;
  /** Required for volume metrics; defaults to the metric's own. / 量类指标必填，默认取指标自身方向。 */
  direction?: GoalDirection | null | undefined;
  /** Save as a draft without starting it. / 仅保存为草稿，不启动。 */
  draft?: boolean;
  /** Last day, inclusive. / 结束日期（含）。 */
  endDate: string;
  /** Catalogue metric key, e.g. fcr_rate. / 指标键（如 fcr_rate）。 */
  metricKey: string;
  /** Minimum sample of a check. / 检查的最小样本量。 */
  minimumSample?: number;
  /** Name. / 名称。 */
  name: string;
  /** Owner's user id; you by default. / 负责人用户 ID，默认为你。 */
  ownerId?: string | null | undefined;
  /** Organisation, team or agent. / 范围类型。 */
  scopeKind: GoalScopeKind;
  /** First day (organisation's time zone). / 开始日期（组织时区）。 */
  startDate: string;
  /** The value, change or percent change. / 目标值、变化量或百分比变化。 */
  target: number;
  /** How the target is given. / 目标给定方式。 */
  targetKind: GoalTargetKind;
  /** The team of a team goal. / 团队目标的团队。 */
  teamId?: string | null | undefined;
  /** ± band counted as on track. / 容差。 */
  tolerance?: number;
};

/** Where a dispute stands. / 申诉状态。 */
export type DisputeStatus =
  /** A new review replaced it. / 已改判（新评分替代原评分）。 */
  | 'AMENDED'
  /** Waiting for the team's managers. / 等待团队主管处理。 */
  | 'OPEN'
  /** The review stands. / 维持原评分。 */
  | 'UPHELD';

/** Whose personal data to erase. / 要删除其个人数据的客户。 */
export type EraseCustomerInput = {
  /** Global id of the customer (a customer known only from conversations may be erased too). / 客户的全局 ID（仅在会话中出现过的客户也可删除）。 */
  customerId: string;
};

/** Whether a coaching plan worked. / 辅导计划是否有效。 */
export type EvaluationVerdict =
  /** Improved beyond comparable agents, significantly. / 相对可比坐席显著改善。 */
  | 'IMPROVED'
  /** What is left after the team's change could be chance. / 扣除团队共同变化后差异可能是偶然。 */
  | 'NO_DETECTABLE_CHANGE'
  /** Too few conversations or comparable agents to judge. / 会话或可比坐席太少，无法判断。 */
  | 'TOO_LITTLE_DATA'
  /** Worse than comparable agents, significantly. / 相对可比坐席显著变差。 */
  | 'WORSENED';

/** A reviewer's verdict on an auto-QA finding. / 质检员对自动质检结果的复核结论。 */
export type FindingVerdict =
  /** The finding stands. / 维持该结果。 */
  | 'ACCEPTED'
  /** The finding is wrong and no longer counts. / 推翻该结果，不再计入。 */
  | 'OVERRIDDEN';

/** A check's verdict. / 检查结论。 */
export type GoalCheckStatus =
  /** Better than expected beyond the tolerance. / 好于预期（超出容差）。 */
  | 'AHEAD'
  /** Worse than expected beyond the tolerance. / 落后于预期（超出容差）。 */
  | 'BEHIND'
  /** Below the minimum sample. / 样本量不足。 */
  | 'INSUFFICIENT_DATA'
  /** Within the tolerance of the expected value. / 在预期值容差范围内。 */
  | 'ON_TRACK';

/** Which way is better for the goal. / 目标的优劣方向。 */
export type GoalDirection =
  /** Higher is better. / 越高越好。 */
  | 'HIGHER'
  /** Lower is better. / 越低越好。 */
  | 'LOWER';

/** Narrow the goals. / 目标筛选。 */
export type GoalFilterInput = {
  /** Only goals set on this agent. / 仅此坐席的目标。 */
  agentId?: string | null | undefined;
  /** Only this metric. / 仅此指标。 */
  metricKey?: string | null | undefined;
  /** Only these statuses. / 仅这些状态。 */
  statuses?: Array<GoalStatus> | null | undefined;
  /** Only goals set on this team. / 仅此团队的目标。 */
  teamId?: string | null | undefined;
};

/** How a part got its target. / 分解目标的设定方式。 */
export type GoalPartRule =
  /** Its share of the improvement, by its gap. / 按差距分摊改进。 */
  | 'ALLOCATED'
  /** Capped at what the best tenth of agents achieve. / 以最佳 10% 坐席水平为上限。 */
  | 'CAPPED'
  /** A count split in proportion to the baseline. / 计数按基线比例拆分。 */
  | 'COUNT'
  /** Already past the target: keeps its level. / 已超过目标，保持现有水平。 */
  | 'KEPT'
  /** Too little baseline volume: the parent's target. / 基线量过少，沿用上级目标。 */
  | 'LOW_VOLUME'
  /** Percentiles do not combine: the parent's target. / 分位数不可合成，沿用上级目标。 */
  | 'PERCENTILE';

/** Whom a goal is for. / 目标的范围。 */
export type GoalScopeKind =
  /** One agent. / 单个坐席。 */
  | 'AGENT'
  /** The whole organisation. / 整个组织。 */
  | 'ORGANISATION'
  /** A team with its sub-teams. / 一个团队（含下级团队）。 */
  | 'TEAM';

/** Where a goal stands. / 目标状态。 */
export type GoalStatus =
  /** Running: checked at every milestone. / 进行中，按里程碑检查。 */
  | 'ACTIVE'
  /** Cancelled before its end. / 已取消。 */
  | 'CANCELLED'
  /** Not started; no checks yet. / 草稿，尚未开始。 */
  | 'DRAFT'
  /** Ended with its final check on track or ahead. / 已达成。 */
  | 'MET'
  /** Ended behind, or without enough data. / 未达成。 */
  | 'MISSED';

/** How the target is given. / 目标的给定方式。 */
export type GoalTargetKind =
  /** A value to reach, e.g. FCR 0.85. / 绝对目标值（如首次解决率 0.85）。 */
  | 'ABSOLUTE'
  /** A change from the baseline in the metric's unit (shares as fractions: +5 points is 0.05). / 相对基线的变化量（指标单位；比例以小数计，+5 个百分点为 0.05）。 */
  | 'CHANGE'
  /** A relative change from the baseline in percent, e.g. -10. / 相对基线的百分比变化（如 -10）。 */
  | 'CHANGE_PERCENT';

/** Whether the goal's workflow runs. / 目标工作流的启动状态。 */
export type GoalWorkflowState =
  /** A draft: nothing to run. / 草稿，无需运行。 */
  | 'NOT_STARTED'
  /** Committed; the start waits for the workflow service. / 已提交，等待工作流服务启动。 */
  | 'PENDING'
  /** The workflow was started. / 工作流已启动。 */
  | 'STARTED';

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

/** A note on one message. / 对单条消息的批注。 */
export type QaAnnotationInput = {
  /** The message's event id. / 消息事件 ID。 */
  messageEventId: string;
  /** The note. / 批注。 */
  note: string;
};

/** One item's value. / 单个评分项的取值。 */
export type QaItemScoreInput = {
  /** Item key. / 评分项标识。 */
  key: string;
  /** 0–1; null when not applicable. / 0–1，不适用为空。 */
  value?: number | null | undefined;
};

/** Who scored. / 评分来源。 */
export type QaReviewKind =
  /** Auto-QA by the rules. / 规则自动质检。 */
  | 'AUTO'
  /** A calibration session's score (never final). / 校准评分（不作为最终得分）。 */
  | 'CALIBRATION'
  /** A reviewer with the scorecard. / 质检员人工评分。 */
  | 'MANUAL';

/** A completed task sent back. / 退回已完成的任务。 */
export type ReopenTaskInput = {
  /** A new due date. / 新截止日期。 */
  dueDate?: string | null | undefined;
  /** The task (global id). / 任务全局 ID。 */
  id: string;
  /** Why it is reopened. / 退回原因。 */
  note?: string | null | undefined;
};

/** What produced a review. / 复盘的触发方式。 */
export type ReviewTrigger =
  /** runTeamReviewNow. / 手动立即生成。 */
  | 'ON_DEMAND'
  /** The team's periodic schedule. / 团队定期计划。 */
  | 'SCHEDULE';

/** The team to review now. / 立即复盘的团队。 */
export type RunTeamReviewNowInput = {
  /** The team's global id. / 团队全局 ID。 */
  teamId: string;
};

/** A new version of the coaching rules. / 新版本的辅导规则。 */
export type SetCoachingRulesInput = {
  /** The rules, shaped as in policies/coaching-rules.yaml. / 规则列表（与 YAML 同结构）。 */
  rules: unknown;
};

/** A manual review with the scorecard. / 使用评分表的人工质检。 */
export type SubmitQaReviewInput = {
  /** Notes on messages. / 消息批注。 */
  annotations?: Array<QaAnnotationInput> | null | undefined;
  /** A calibration session this score belongs to (never final). / 所属校准（不作为最终得分）。 */
  calibrationSessionId?: string | null | undefined;
  /** Comment. / 评语。 */
  comment?: string | null | undefined;
  /** Global id of an ended conversation. / 已结束会话的全局 ID。 */
  conversationId: string;
  /** Item values; missing items are not applicable. / 各评分项取值（缺省为不适用）。 */
  items: Array<QaItemScoreInput>;
  /** Scorecard (its latest version). / 评分表（最新版本）。 */
  scorecardId?: string;
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

export type AlertRulesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AlertRulesQuery = { alertRules: { totalCount: number, nodes: Array<{ id: string, name: string, nameZh: string, source: AlertSource, metric: string | null, scopeKind: AlertScopeKind, scopeId: string | null, window: AlertWindow, comparator: AlertComparator, threshold: number | null, deviations: number | null, minSample: number, severity: AlertSeverity, hysteresis: number, cooldownMinutes: number, enabled: boolean, version: number, updatedAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CoachingRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type CoachingRulesQuery = { coachingRules: { version: number, rules: unknown, createdBy: string | null, createdAt: string | null } };

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

export type MyCoachingEvaluationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyCoachingEvaluationsQuery = { coachingEvaluations: { totalCount: number, nodes: Array<{ id: string, planId: string, metric: string, verdict: EvaluationVerdict, beforeMean: number | null, afterMean: number | null, effect: number | null, effectRelative: number | null, confidenceLow: number | null, confidenceHigh: number | null, confidenceLevel: number, pValue: number | null, beforeSize: number, afterSize: number, comparisonAgents: number, widened: boolean, explanation: string, evaluatedAt: string }> } };

export type MyGoalsQueryVariables = Exact<{
  filter?: GoalFilterInput | null | undefined;
}>;


export type MyGoalsQuery = { goals: { totalCount: number, nodes: Array<{ id: string, name: string, metricKey: string, direction: GoalDirection, startDate: string, endDate: string, status: GoalStatus, target: number | null, parts: Array<{ id: string, kind: string, target: number, baseline: number | null, rule: GoalPartRule }> }> } };

export type MyNumbersQueryVariables = Exact<{
  period?: PeriodInput | null | undefined;
  first?: number | null | undefined;
}>;


export type MyNumbersQuery = { me: { subject: string, roles: Array<string> }, daily: Array<{ bucketDate: string | null, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }> }>, conversations: { totalCount: number, nodes: Array<{ id: string, externalId: string, channel: string | null, startedAt: string, endedAt: string | null, resolution: ConversationResolution | null, csat: number | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyQualityQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyQualityQuery = { qaReviews: { totalCount: number, nodes: Array<{ id: string, kind: QaReviewKind, score: number, criticalFailed: boolean, complianceViolations: number, scorecardVersion: number, createdAt: string, findings: Array<{ id: string, ruleId: string, severity: string, excerpt: string | null, verdict: FindingVerdict | null }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, qaDisputes: Array<{ id: string, status: DisputeStatus, reason: string, resolution: string | null, openedAt: string }> };

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

export type QualityOverviewQueryVariables = Exact<{
  periodStart: string;
  periodEnd: string;
}>;


export type QualityOverviewQuery = { qaMetrics: Array<{ values: Array<{ key: string, value: number | null, sampleSize: number }> }>, qaDisputes: Array<{ id: string, agentId: string, status: DisputeStatus, openedAt: string, resolvedAt: string | null }> };

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

export type CreateTeamGoalMutationVariables = Exact<{
  input: CreateGoalInput;
}>;


export type CreateTeamGoalMutation = { createGoal: { startPending: boolean, goal: { id: string, status: GoalStatus, baseline: number | null, target: number | null, shortfall: number | null, workflowState: GoalWorkflowState, parts: Array<{ kind: string, agentId: string | null, target: number, rule: GoalPartRule, capped: boolean }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

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

export type RunTeamReviewNowMutationVariables = Exact<{
  input: RunTeamReviewNowInput;
}>;


export type RunTeamReviewNowMutation = { runTeamReviewNow: { review: { id: string, teamId: string, periodStart: string, periodEnd: string, trigger: ReviewTrigger, summary: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type TeamDashboardQueryVariables = Exact<{
  teamId: string;
  period?: PeriodInput | null | undefined;
}>;


export type TeamDashboardQuery = { serviceInfo: { timezone: string }, team: { id: string, name: string, agents: { totalCount: number, nodes: Array<{ id: string, name: string | null }> } | null } | null, metricCatalogue: Array<{ key: MetricKey, unit: MetricUnit, direction: MetricDirection, label: string }>, dailyKpis: Array<{ bucketDate: string | null, suppressed: boolean, values: Array<{ key: MetricKey, value: number | null, count: number | null, sampleSize: number }>, freshness: { asOf: string | null, current: boolean, importInProgress: boolean } }> };

export type TeamGoalsQueryVariables = Exact<{
  filter?: GoalFilterInput | null | undefined;
  after?: string | null | undefined;
}>;


export type TeamGoalsQuery = { goals: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, externalId: string, name: string, metricKey: string, direction: GoalDirection, targetKind: GoalTargetKind, targetValue: number, scopeKind: GoalScopeKind, teamId: string | null, agentId: string | null, startDate: string, endDate: string, cadence: string, tolerance: number, status: GoalStatus, baseline: number | null, target: number | null, shortfall: number | null, workflowState: GoalWorkflowState, checks: Array<{ milestone: number | null, expected: number | null, actual: number | null, sampleSize: number, status: GoalCheckStatus, checkedAt: string }>, parts: Array<{ id: string, kind: string, teamId: string, agentId: string | null, baseline: number | null, volume: number, target: number, rule: GoalPartRule, capped: boolean }> }> } };

export type TeamPeaksQueryVariables = Exact<{
  teamId: string;
  period?: PeriodInput | null | undefined;
}>;


export type TeamPeaksQuery = { metricPeaks: { peakThreshold: number | null, valleyThreshold: number | null, cells: Array<{ weekday: number, hour: number, conversations: number, level: PeakLevel, serviceLevel: { value: number | null, sampleSize: number } }> } };

export type TeamQualityQueryVariables = Exact<{
  periodStart: string;
  periodEnd: string;
}>;


export type TeamQualityQuery = { qaMetrics: Array<{ teamId: string | null, values: Array<{ key: string, value: number | null, sampleSize: number }> }>, qaDisputes: Array<{ id: string, agentId: string, reason: string, openedAt: string }>, samplingPlans: Array<{ id: string, name: string, perAgentWeek: number, overallRate: number }>, complaintHotspots: { kbNeeds: Array<string> | null, terms: Array<{ category: string, term: string, conversations: number, rising: boolean }> } };

export type TeamRankingsQueryVariables = Exact<{
  teamId: string;
  period?: PeriodInput | null | undefined;
  minimumIntervals?: number;
  minimumConversations?: number;
}>;


export type TeamRankingsQuery = { steadinessRanking: Array<{ rank: number, agentId: string, ratio: number, agent: { name: string | null } | null, peakResponse: { value: number | null, sampleSize: number }, offPeakResponse: { value: number | null, sampleSize: number } }>, fcrRoomRanking: Array<{ rank: number, agentId: string, gap: number, conversationsToGain: number, fcrRate: { value: number | null, sampleSize: number } }> };

export type TeamReviewsQueryVariables = Exact<{
  teamId?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type TeamReviewsQuery = { teamReviews: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, teamId: string, periodStart: string, periodEnd: string, trigger: ReviewTrigger, summary: string, content: unknown, createdAt: string, evaluations: Array<{ id: string, planId: string, agentId: string, metric: string, verdict: EvaluationVerdict, effect: number | null, effectRelative: number | null, confidenceLow: number | null, confidenceHigh: number | null, pValue: number | null, beforeSize: number, afterSize: number, comparisonAgents: number, explanation: string }> }> } };

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

export type SubmitQaReviewMutationVariables = Exact<{
  input: SubmitQaReviewInput;
}>;


export type SubmitQaReviewMutation = { submitQaReview: { qaReview: { id: string, kind: QaReviewKind, score: number, criticalFailed: boolean, scorecardId: string, scorecardVersion: number, items: Array<{ key: string, value: number | null }>, annotations: Array<{ messageEventId: string, note: string }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type QaWorkbenchQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type QaWorkbenchQuery = { reviewQueue: { totalCount: number, nodes: Array<{ id: string, conversationId: string, assignedAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, qaRules: { version: number, rules: Array<{ ruleId: string, kind: string, name: string, severity: string, compliance: boolean }> }, scorecards: Array<{ id: string, scorecardId: string, version: number, name: string, passScore: number, dimensions: Array<{ key: string, name: string, weight: number }>, items: Array<{ key: string, dimension: string, name: string, points: number, critical: boolean }> }> };
