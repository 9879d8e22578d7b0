"""GraphQL types of coaching: plans, tasks, training paths, script templates, rules; inputs and payloads."""

import json
from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.coaching.library import ScriptTemplate, TrainingPath
from server.coaching.models import CoachingPlan, CoachingTask
from server.coaching.plans import DONE
from server.coaching.rules import RuleSet
from server.kernel.language import pick
from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.timefmt import from_us, now_us

PLAN_TYPE, TASK_TYPE, RULES_RECORD = "CoachingPlan", "CoachingTask", "CoachingRules"


def _instant(value: int | None) -> datetime | None:
    return from_us(value) if value is not None else None


@strawberry.enum(description="Where a coaching plan stands. / 辅导计划状态。")
class CoachingPlanStatus(Enum):
    ACTIVE = strawberry.enum_value("active", description="Running to its evaluation date. / 进行中。")
    ENDED = strawberry.enum_value("ended", description="Reached its evaluation date. / 已到评估日期。")
    CANCELLED = strawberry.enum_value("cancelled", description="Cancelled by a manager. / 已取消。")


@strawberry.enum(description="Whether the plan's workflow runs yet. / 计划工作流是否已启动。")
class WorkflowStatus(Enum):
    PENDING = strawberry.enum_value("pending", description="Committed; the start waits for Temporal. / 已提交，等待 Temporal 启动。")
    STARTED = strawberry.enum_value("started", description="plan-<id> was started. / 工作流已启动。")


@strawberry.enum(description="What a coaching task asks for. / 辅导任务类型。")
class CoachingTaskKind(Enum):
    TRAINING_MODULE = strawberry.enum_value("training_module", description="A training module. / 培训课程。")
    SCRIPT_PRACTICE = strawberry.enum_value("script_practice", description="Practise a script template. / 话术练习。")
    KB_READING = strawberry.enum_value("kb_reading", description="Read knowledge-base articles. / 知识库阅读。")
    SHADOWING = strawberry.enum_value("shadowing", description="Shadow a colleague. / 跟岗学习。")
    ONE_TO_ONE = strawberry.enum_value("one_to_one", description="A one-to-one with the manager. / 与主管一对一。")
    CUSTOM = strawberry.enum_value("custom", description="Anything else. / 其他。")


@strawberry.enum(description="Where a coaching task stands. / 辅导任务状态。")
class CoachingTaskStatus(Enum):
    OPEN = strawberry.enum_value("open", description="Not started. / 待处理。")
    ACKNOWLEDGED = strawberry.enum_value("acknowledged", description="The agent saw it. / 坐席已确认。")
    COMPLETED = strawberry.enum_value("completed", description="Done, with evidence; awaiting verification. / 已完成待核验。")
    VERIFIED = strawberry.enum_value("verified", description="The manager verified it. / 主管已核验。")
    CANCELLED = strawberry.enum_value("cancelled", description="No longer asked for. / 已取消。")


@strawberry.type(name="CoachingTask", description="A task of a coaching plan, due on a date. / 辅导计划中的一项任务。")
class CoachingTaskType(Node):
    plan_id: strawberry.ID = strawberry.field(description="Global id of its plan. / 所属计划的全局 ID。")
    kind: CoachingTaskKind = strawberry.field(description="What it asks for. / 任务类型。")
    title: str = strawberry.field(description="Title. / 标题。")
    detail: str | None = strawberry.field(description="Instructions. / 说明。")
    reference: str | None = strawberry.field(description="Training path, script template or category it is about. / 关联的培训路径、话术模板或类目。")
    due_at: datetime = strawberry.field(description="Due. / 截止时间。")
    status: CoachingTaskStatus = strawberry.field(description="Where it stands. / 状态。")
    overdue: bool = strawberry.field(description="Past due and unfinished. / 已逾期且未完成。")
    evidence: str | None = strawberry.field(description="What the agent submitted as done. / 坐席提交的完成证明。")
    review_note: str | None = strawberry.field(description="The manager's note when verifying or reopening. / 主管核验或退回时的备注。")
    acknowledged_at: datetime | None = strawberry.field(description="Acknowledged. / 确认时间。")
    completed_at: datetime | None = strawberry.field(description="Completed. / 完成时间。")
    verified_at: datetime | None = strawberry.field(description="Verified. / 核验时间。")
    agent_key: strawberry.Private[str]

    @classmethod
    def from_row(cls, task: CoachingTask, agent_id: str) -> "CoachingTaskType":
        return cls(
            id=to_global_id(TASK_TYPE, task.task_id), plan_id=to_global_id(PLAN_TYPE, task.plan_id), kind=CoachingTaskKind(task.kind),
            title=task.title, detail=task.detail, reference=task.reference, due_at=from_us(task.due_at_us),
            status=CoachingTaskStatus(task.status), overdue=task.status not in DONE and task.due_at_us < now_us(),
            evidence=task.evidence, review_note=task.review_note, acknowledged_at=_instant(task.acknowledged_at_us),
            completed_at=_instant(task.completed_at_us), verified_at=_instant(task.verified_at_us), agent_key=agent_id,
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("agent", self.agent_key)


@strawberry.type(name="CoachingPlan", description="A coaching plan for one agent on one metric, to an evaluation date. / 针对一名坐席、一个指标的辅导计划。")
class CoachingPlanType(Node):
    agent_id: strawberry.ID = strawberry.field(description="Global id of the coached agent. / 被辅导坐席的全局 ID。")
    agent_external_id: str = strawberry.field(description="The agent's id in the event contract. / 坐席在事件契约中的 ID。")
    team_id: strawberry.ID = strawberry.field(description="Global id of the agent's team. / 坐席团队的全局 ID。")
    metric_key: str = strawberry.field(description="The catalogue metric it aims to move. / 目标指标（指标目录键）。")
    goal_id: strawberry.ID | None = strawberry.field(description="The goal it serves, if any (global id). / 关联的目标（如有，全局 ID）。")
    title: str = strawberry.field(description="Title. / 标题。")
    note: str | None = strawberry.field(description="The manager's note. / 主管备注。")
    status: CoachingPlanStatus = strawberry.field(description="Where it stands. / 状态。")
    source: str = strawberry.field(description="manager, or rules (opened by a coaching rule). / 来源：主管或规则。")
    starts_at: datetime = strawberry.field(description="Start. / 开始时间。")
    evaluation_at: datetime = strawberry.field(description="When it is evaluated. / 评估时间。")
    ended_at: datetime | None = strawberry.field(description="Ended or cancelled. / 结束或取消时间。")
    workflow_status: WorkflowStatus = strawberry.field(description="Whether plan-<id> runs yet. / 工作流是否已启动。")
    created_at: datetime = strawberry.field(description="Assigned. / 分配时间。")
    plan_key: strawberry.Private[str]

    @classmethod
    def from_row(cls, plan: CoachingPlan) -> "CoachingPlanType":
        return cls(
            id=to_global_id(PLAN_TYPE, plan.plan_id), agent_id=to_global_id("Agent", plan.agent_id), agent_external_id=plan.agent_id,
            team_id=to_global_id("Team", plan.team_id), metric_key=plan.metric_key,
            goal_id=to_global_id("Goal", plan.goal_id) if plan.goal_id else None, title=plan.title,
            note=plan.note, status=CoachingPlanStatus(plan.status), source=plan.source, starts_at=from_us(plan.starts_at_us),
            evaluation_at=from_us(plan.evaluation_at_us), ended_at=_instant(plan.ended_at_us),
            workflow_status=WorkflowStatus.STARTED if plan.workflow_started_at_us is not None else WorkflowStatus.PENDING,
            created_at=from_us(plan.created_at_us), plan_key=plan.plan_id,
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("agent", self.agent_external_id)

    @strawberry.field(description="Its tasks in order. / 计划中的任务（按顺序）。")
    async def tasks(self, info: Info) -> list[CoachingTaskType]:
        from server.coaching.loaders import TasksByPlanLoader  # noqa: PLC0415  (loaders import these types)

        rows = await info.context.loader(TasksByPlanLoader).load(self.plan_key)
        return [CoachingTaskType.from_row(task, self.agent_external_id) for task in rows]


@strawberry.type(name="TrainingModule", description="One module of a training path. / 培训路径中的一个模块。")
class TrainingModuleType:
    name: str = strawberry.field(description="Name in the request's language. / 名称（按请求语言）。")
    name_zh: str = strawberry.field(description="Name in Chinese. / 中文名称。")
    name_en: str = strawberry.field(description="Name in English. / 英文名称。")
    day: int = strawberry.field(description="Due this many days into the plan. / 计划开始后第几天截止。")


@strawberry.type(name="TrainingPath", description="A training path: modules for a skill, tagged with metrics and categories. / 培训路径。")
class TrainingPathType:
    key: str = strawberry.field(description="Stable id used by rules. / 规则引用的稳定 ID。")
    name: str = strawberry.field(description="Name in the request's language. / 名称（按请求语言）。")
    name_zh: str = strawberry.field(description="Name in Chinese. / 中文名称。")
    name_en: str = strawberry.field(description="Name in English. / 英文名称。")
    metrics: list[str] = strawberry.field(description="Catalogue metrics it serves. / 适用指标。")
    categories: list[str] = strawberry.field(description="Categories it serves. / 适用类目。")
    duration_days: int = strawberry.field(description="Length in days. / 时长（天）。")
    modules: list[TrainingModuleType] = strawberry.field(description="Its modules. / 模块列表。")

    @classmethod
    def of(cls, path: TrainingPath, language: object) -> "TrainingPathType":
        return cls(
            key=path.id, name=pick(language, en=path.name_en, zh=path.name_zh), name_zh=path.name_zh, name_en=path.name_en,  # type: ignore[arg-type]
            metrics=list(path.metrics), categories=list(path.categories), duration_days=path.duration_days,
            modules=[
                TrainingModuleType(name=pick(language, en=m.name_en, zh=m.name_zh), name_zh=m.name_zh, name_en=m.name_en, day=m.day)  # type: ignore[arg-type]
                for m in path.modules
            ],
        )


@strawberry.type(name="ScriptTemplate", description="A script template (话术模板) tagged with categories and metrics. / 话术模板。")
class ScriptTemplateType:
    key: str = strawberry.field(description="Stable id. / 稳定 ID。")
    text: str = strawberry.field(description="Text in the request's language. / 文本（按请求语言）。")
    text_zh: str = strawberry.field(description="Text in Chinese. / 中文文本。")
    text_en: str = strawberry.field(description="Text in English. / 英文文本。")
    categories: list[str] = strawberry.field(description="Categories it serves. / 适用类目。")
    metrics: list[str] = strawberry.field(description="Catalogue metrics it serves. / 适用指标。")

    @classmethod
    def of(cls, template: ScriptTemplate, language: object) -> "ScriptTemplateType":
        return cls(
            key=template.id, text=pick(language, en=template.text_en, zh=template.text_zh), text_zh=template.text_zh,  # type: ignore[arg-type]
            text_en=template.text_en, categories=list(template.categories), metrics=list(template.metrics),
        )


@strawberry.type(name="CoachingRules", description="The coaching rules in force and their version. / 当前生效的辅导规则及版本。")
class CoachingRulesType:
    version: int = strawberry.field(description="0 for the shipped defaults, then one per edit. / 版本号（0 为默认规则）。")
    rules: JSON = strawberry.field(description="The rules as policies/coaching-rules.yaml writes them. / 规则列表（与 YAML 同结构）。")
    created_by: str | None = strawberry.field(description="Who stored this version. / 保存该版本的人。")
    created_at: datetime | None = strawberry.field(description="When it was stored. / 保存时间。")

    @classmethod
    def of(cls, rules: RuleSet) -> "CoachingRulesType":
        return cls(
            version=rules.version, rules=json.loads(json.dumps([rule.as_document() for rule in rules.rules])),
            created_by=rules.created_by, created_at=_instant(rules.created_at_us),
        )


@strawberry.input(description="Narrow the coaching plans. / 辅导计划筛选。")
class CoachingPlanFilterInput:
    agent_id: strawberry.ID | None = strawberry.field(default=None, description="Only this agent (global id). / 仅该坐席。")
    status: CoachingPlanStatus | None = strawberry.field(default=None, description="Only this status. / 仅此状态。")
    metric_key: str | None = strawberry.field(default=None, description="Only this metric. / 仅此指标。")


@strawberry.input(description="A task of a plan. / 计划中的一项任务。")
class CoachingTaskInput:
    kind: CoachingTaskKind = strawberry.field(description="What it asks for. / 任务类型。")
    title: str = strawberry.field(description="Title. / 标题。")
    due_date: date = strawberry.field(description="Due by the end of this local date. / 截止日期（当地日期结束时）。")
    detail: str | None = strawberry.field(default=None, description="Instructions. / 说明。")
    reference: str | None = strawberry.field(default=None, description="Training path, template or category. / 关联的培训路径、模板或类目。")


@strawberry.input(description="A new coaching plan for an agent of your team. / 为本团队坐席新建辅导计划。")
class AssignCoachingPlanInput:
    agent_id: strawberry.ID = strawberry.field(description="The agent (global id). / 坐席（全局 ID）。")
    metric_key: str = strawberry.field(description="Catalogue metric to move. / 目标指标键。")
    title: str = strawberry.field(description="Title. / 标题。")
    evaluation_date: date = strawberry.field(description="Evaluated at the end of this local date. / 评估日期。")
    tasks: list[CoachingTaskInput] = strawberry.field(description="Its tasks. / 任务列表。")
    goal_id: strawberry.ID | None = strawberry.field(default=None, description="The goal it serves (global id). / 关联目标（全局 ID）。")
    note: str | None = strawberry.field(default=None, description="A note to the agent. / 给坐席的备注。")


@strawberry.type(description="Result of assignCoachingPlan. / 分配辅导计划的结果。")
class AssignCoachingPlanPayload(Payload):
    plan: CoachingPlanType | None = strawberry.field(default=None, description="The plan (its workflow start may be pending). / 新计划（工作流可能待启动）。")


@strawberry.input(description="Changes to an active plan; omitted fields stay. / 修改进行中的计划（未给出的字段不变）。")
class UpdateCoachingPlanInput:
    id: strawberry.ID = strawberry.field(description="The plan (global id). / 计划全局 ID。")
    title: str | None = strawberry.field(default=None, description="New title. / 新标题。")
    note: str | None = strawberry.field(default=None, description="New note. / 新备注。")
    evaluation_date: date | None = strawberry.field(default=None, description="New evaluation date. / 新评估日期。")
    add_tasks: list[CoachingTaskInput] | None = strawberry.field(default=None, description="Tasks to add. / 新增任务。")
    cancel_task_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Tasks to cancel. / 取消的任务。")


@strawberry.type(description="Result of updateCoachingPlan. / 修改辅导计划的结果。")
class UpdateCoachingPlanPayload(Payload):
    plan: CoachingPlanType | None = strawberry.field(default=None, description="The plan. / 计划。")


@strawberry.input(description="The plan to cancel. / 要取消的计划。")
class CancelCoachingPlanInput:
    id: strawberry.ID = strawberry.field(description="The plan (global id). / 计划全局 ID。")


@strawberry.type(description="Result of cancelCoachingPlan. / 取消辅导计划的结果。")
class CancelCoachingPlanPayload(Payload):
    plan: CoachingPlanType | None = strawberry.field(default=None, description="The cancelled plan. / 已取消的计划。")


@strawberry.input(description="A task to acknowledge. / 要确认的任务。")
class AcknowledgeTaskInput:
    id: strawberry.ID = strawberry.field(description="The task (global id). / 任务全局 ID。")


@strawberry.input(description="A task done, with evidence. / 完成任务并提交证明。")
class CompleteTaskInput:
    id: strawberry.ID = strawberry.field(description="The task (global id). / 任务全局 ID。")
    evidence: str = strawberry.field(description="What shows it is done (no customer data). / 完成证明（勿含客户信息）。")


@strawberry.input(description="A completed task to verify. / 要核验的已完成任务。")
class VerifyTaskInput:
    id: strawberry.ID = strawberry.field(description="The task (global id). / 任务全局 ID。")
    note: str | None = strawberry.field(default=None, description="A note to the agent. / 给坐席的备注。")


@strawberry.input(description="A completed task sent back. / 退回已完成的任务。")
class ReopenTaskInput:
    id: strawberry.ID = strawberry.field(description="The task (global id). / 任务全局 ID。")
    note: str | None = strawberry.field(default=None, description="Why it is reopened. / 退回原因。")
    due_date: date | None = strawberry.field(default=None, description="A new due date. / 新截止日期。")


@strawberry.type(description="Result of acknowledgeTask. / 确认任务的结果。")
class AcknowledgeTaskPayload(Payload):
    task: CoachingTaskType | None = strawberry.field(default=None, description="The task after the step. / 操作后的任务。")


@strawberry.type(description="Result of completeTask. / 完成任务的结果。")
class CompleteTaskPayload(Payload):
    task: CoachingTaskType | None = strawberry.field(default=None, description="The task after the step. / 操作后的任务。")


@strawberry.type(description="Result of verifyTask. / 核验任务的结果。")
class VerifyTaskPayload(Payload):
    task: CoachingTaskType | None = strawberry.field(default=None, description="The task after the step. / 操作后的任务。")


@strawberry.type(description="Result of reopenTask. / 退回任务的结果。")
class ReopenTaskPayload(Payload):
    task: CoachingTaskType | None = strawberry.field(default=None, description="The task after the step. / 操作后的任务。")


@strawberry.input(description="A new version of the coaching rules. / 新版本的辅导规则。")
class SetCoachingRulesInput:
    rules: JSON = strawberry.field(description="The rules, shaped as in policies/coaching-rules.yaml. / 规则列表（与 YAML 同结构）。")


@strawberry.type(description="Result of setCoachingRules. / 保存辅导规则的结果。")
class SetCoachingRulesPayload(Payload):
    coaching_rules: CoachingRulesType | None = strawberry.field(default=None, description="The version stored. / 已保存的版本。")
