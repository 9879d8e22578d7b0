"""GraphQL types of goals: the goal, its parts (team and agent allocations) and its checks."""

import json
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from server.goals.loaders import ChecksByPartLoader, PartsByGoalLoader
from server.goals.models import GOAL_PART, Goal, GoalCheck, GoalPart
from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.metrics.api import agent_global_id, team_global_id
from server.timefmt import from_us

GOAL_TYPE, PART_TYPE, CHECK_TYPE = "Goal", "GoalPart", "GoalCheck"


@strawberry.enum(description="Where a goal stands. / 目标状态。")
class GoalStatus(Enum):
    DRAFT = strawberry.enum_value("draft", description="Not started; no checks yet. / 草稿，尚未开始。")
    ACTIVE = strawberry.enum_value("active", description="Running: checked at every milestone. / 进行中，按里程碑检查。")
    MET = strawberry.enum_value("met", description="Ended with its final check on track or ahead. / 已达成。")
    MISSED = strawberry.enum_value("missed", description="Ended behind, or without enough data. / 未达成。")
    CANCELLED = strawberry.enum_value("cancelled", description="Cancelled before its end. / 已取消。")


@strawberry.enum(description="How the target is given. / 目标的给定方式。")
class GoalTargetKind(Enum):
    ABSOLUTE = strawberry.enum_value("absolute", description="A value to reach, e.g. FCR 0.85. / 绝对目标值（如首次解决率 0.85）。")
    CHANGE = strawberry.enum_value(
        "change", description="A change from the baseline in the metric's unit (shares as fractions: +5 points is 0.05). "
        "/ 相对基线的变化量（指标单位；比例以小数计，+5 个百分点为 0.05）。")
    CHANGE_PERCENT = strawberry.enum_value(
        "change_percent", description="A relative change from the baseline in percent, e.g. -10. / 相对基线的百分比变化（如 -10）。")


@strawberry.enum(description="Whom a goal is for. / 目标的范围。")
class GoalScopeKind(Enum):
    ORGANISATION = strawberry.enum_value("organisation", description="The whole organisation. / 整个组织。")
    TEAM = strawberry.enum_value("team", description="A team with its sub-teams. / 一个团队（含下级团队）。")
    AGENT = strawberry.enum_value("agent", description="One agent. / 单个坐席。")


@strawberry.enum(description="Which way is better for the goal. / 目标的优劣方向。")
class GoalDirection(Enum):
    HIGHER = strawberry.enum_value("higher_is_better", description="Higher is better. / 越高越好。")
    LOWER = strawberry.enum_value("lower_is_better", description="Lower is better. / 越低越好。")


@strawberry.enum(description="A check's verdict. / 检查结论。")
class GoalCheckStatus(Enum):
    ON_TRACK = strawberry.enum_value("on_track", description="Within the tolerance of the expected value. / 在预期值容差范围内。")
    AHEAD = strawberry.enum_value("ahead", description="Better than expected beyond the tolerance. / 好于预期（超出容差）。")
    BEHIND = strawberry.enum_value("behind", description="Worse than expected beyond the tolerance. / 落后于预期（超出容差）。")
    INSUFFICIENT_DATA = strawberry.enum_value("insufficient_data", description="Below the minimum sample. / 样本量不足。")


@strawberry.enum(description="Whether the goal's workflow runs. / 目标工作流的启动状态。")
class GoalWorkflowState(Enum):
    NOT_STARTED = strawberry.enum_value("not_started", description="A draft: nothing to run. / 草稿，无需运行。")
    PENDING = strawberry.enum_value("pending", description="Committed; the start waits for the workflow service. / 已提交，等待工作流服务启动。")
    STARTED = strawberry.enum_value("started", description="The workflow was started. / 工作流已启动。")


@strawberry.enum(description="How a part got its target. / 分解目标的设定方式。")
class GoalPartRule(Enum):
    ALLOCATED = strawberry.enum_value("allocated", description="Its share of the improvement, by its gap. / 按差距分摊改进。")
    KEPT = strawberry.enum_value("kept", description="Already past the target: keeps its level. / 已超过目标，保持现有水平。")
    CAPPED = strawberry.enum_value("capped", description="Capped at what the best tenth of agents achieve. / 以最佳 10% 坐席水平为上限。")
    LOW_VOLUME = strawberry.enum_value("low_volume", description="Too little baseline volume: the parent's target. / 基线量过少，沿用上级目标。")
    PERCENTILE = strawberry.enum_value("percentile", description="Percentiles do not combine: the parent's target. / 分位数不可合成，沿用上级目标。")
    COUNT = strawberry.enum_value("count", description="A count split in proportion to the baseline. / 计数按基线比例拆分。")


@strawberry.type(name="GoalCheck", description="One check of a goal or a part at a milestone or on demand. / 目标或分解项在某个里程碑（或即时）的一次检查。")
class GoalCheckType(Node):
    milestone: int | None = strawberry.field(description="Milestone number (1-based); null on demand. / 里程碑序号（从 1 开始），即时检查为空。")
    window_start: datetime = strawberry.field(description="Start of the window measured. / 度量窗口开始。")
    window_end: datetime = strawberry.field(description="End of the window measured (exclusive). / 度量窗口结束（不含）。")
    expected: float | None = strawberry.field(description="Expected value on the trajectory. / 轨迹上的预期值。")
    actual: float | None = strawberry.field(description="Actual value from the metrics engine. / 指标引擎计算的实际值。")
    sample_size: int = strawberry.field(description="The metric's denominator in the window. / 窗口内的样本量（分母）。")
    status: GoalCheckStatus = strawberry.field(description="The verdict. / 结论。")
    consecutive_behind: int = strawberry.field(description="Milestone checks in a row that were behind, this one included. / 连续落后的里程碑检查次数（含本次）。")
    checked_at: datetime = strawberry.field(description="When it was checked. / 检查时间。")

    @classmethod
    def from_row(cls, row: GoalCheck) -> "GoalCheckType":
        return cls(
            id=to_global_id(CHECK_TYPE, row.check_id), milestone=row.milestone, window_start=from_us(row.window_start_us),
            window_end=from_us(row.window_end_us), expected=row.expected, actual=row.actual, sample_size=row.sample_size,
            status=GoalCheckStatus(row.status), consecutive_behind=row.consecutive_behind, checked_at=from_us(row.checked_at_us),
        )


async def _checks(info: Info, goal_id: str, part_key: str) -> list[GoalCheckType]:
    return [GoalCheckType.from_row(row) for row in await info.context.loader(ChecksByPartLoader).load((goal_id, part_key))]


@strawberry.type(name="GoalPart", description="A team's or an agent's share of a goal. / 目标分解到团队或坐席的部分。")
class GoalPartType(Node):
    kind: str = strawberry.field(description="`team` or `agent`. / 类型：team 或 agent。")
    team_id: strawberry.ID = strawberry.field(description="The team (global id) the numbers are credited to. / 数值归属的团队（全局 ID）。")
    agent_id: strawberry.ID | None = strawberry.field(description="The agent (global id); null for a team part. / 坐席（全局 ID），团队部分为空。")
    baseline: float | None = strawberry.field(description="Value over the baseline window. / 基线期数值。")
    volume: int = strawberry.field(description="Baseline volume: the metric's denominator. / 基线量（指标分母）。")
    target: float = strawberry.field(description="Allocated target. / 分配的目标值。")
    rule: GoalPartRule = strawberry.field(description="How the target was set. / 目标设定方式。")
    capped: bool = strawberry.field(description="Capped at the best tenth of comparable agents. / 是否受最佳 10% 上限约束。")
    shortfall: float | None = strawberry.field(description="For a team: how far its agents' targets stay from its own. / 团队：其坐席目标合计与团队目标的差距。")
    goal_key: strawberry.Private[str]
    part_key: strawberry.Private[str]

    @strawberry.field(description="This part's checks, oldest first. / 该部分的检查记录（旧在前）。")
    async def checks(self, info: Info) -> list[GoalCheckType]:
        return await _checks(info, self.goal_key, self.part_key)

    @classmethod
    def from_row(cls, row: GoalPart) -> "GoalPartType":
        team = team_global_id(row.team_id)
        assert team is not None
        return cls(
            id=to_global_id(PART_TYPE, f"{row.goal_id}/{row.part_key}"), kind=row.part_kind, team_id=team,
            agent_id=agent_global_id(row.agent_id), baseline=row.baseline, volume=row.volume, target=row.target,
            rule=GoalPartRule(row.rule), capped=row.capped, shortfall=row.shortfall, goal_key=row.goal_id, part_key=row.part_key,
        )


def workflow_state(row: Goal) -> GoalWorkflowState:
    if row.status == "draft":
        return GoalWorkflowState.NOT_STARTED
    return GoalWorkflowState.STARTED if row.workflow_started_at_us is not None else GoalWorkflowState.PENDING


@strawberry.type(name="Goal", description="A target on a catalogue metric over a period, decomposed to teams and agents. / 基于指标目录的阶段性目标，分解到团队与坐席。")
class GoalType(Node):
    external_id: str = strawberry.field(description="The goal's id. / 目标 ID。")
    name: str = strawberry.field(description="Name. / 名称。")
    metric_key: str = strawberry.field(description="Catalogue metric key. / 指标键。")
    direction: GoalDirection = strawberry.field(description="Which way is better. / 优劣方向。")
    target_kind: GoalTargetKind = strawberry.field(description="How the target is given. / 目标给定方式。")
    target_value: float = strawberry.field(description="The target as given. / 输入的目标值。")
    scope_kind: GoalScopeKind = strawberry.field(description="Organisation, team or agent. / 范围类型。")
    team_id: strawberry.ID | None = strawberry.field(description="The team (global id) of a team goal. / 团队目标的团队（全局 ID）。")
    agent_id: strawberry.ID | None = strawberry.field(description="The agent (global id) of an agent goal. / 坐席目标的坐席（全局 ID）。")
    channels: list[str] | None = strawberry.field(description="Only these channels; null for all. / 仅这些渠道，空为全部。")
    categories: list[str] | None = strawberry.field(description="Only these categories; null for all. / 仅这些类别，空为全部。")
    start_date: date = strawberry.field(description="First day (organisation's time zone). / 开始日期（组织时区）。")
    end_date: date = strawberry.field(description="Last day, inclusive. / 结束日期（含）。")
    owner_id: str = strawberry.field(description="The owner's user id: told of drift and achievement. / 负责人用户 ID，偏离与达成时收到通知。")
    tolerance: float = strawberry.field(description="± band around the expected value that counts as on track. / 视为正常的预期值上下容差。")
    cadence: timedelta = strawberry.field(description="Time between milestones. / 里程碑间隔。")
    minimum_sample: int = strawberry.field(description="Below this sample a check is insufficient data. / 低于此样本量视为数据不足。")
    baseline_days: int = strawberry.field(description="Days before the start the baseline is measured over. / 基线期天数（开始前）。")
    status: GoalStatus = strawberry.field(description="Where it stands. / 状态。")
    baseline: float | None = strawberry.field(description="The scope's value over the baseline window. / 基线期数值。")
    baseline_volume: int | None = strawberry.field(description="The scope's baseline sample. / 基线期样本量。")
    target: float | None = strawberry.field(description="The resolved target; null for a draft. / 解析后的目标值（草稿为空）。")
    shortfall: float | None = strawberry.field(description="How far the parts' combined targets stay from the target because of the caps (0 when none). / 因上限导致分解目标合计与目标之间的差距（无则为 0）。")
    workflow_state: GoalWorkflowState = strawberry.field(description="Whether its workflow runs. / 工作流启动状态。")
    created_at: datetime = strawberry.field(description="Created. / 创建时间。")
    updated_at: datetime = strawberry.field(description="Last changed. / 最后修改时间。")
    closed_at: datetime | None = strawberry.field(description="Met, missed or cancelled at. / 结束时间。")
    goal_key: strawberry.Private[str]

    @strawberry.field(description="Team and agent parts you may see (teams first). / 你可见的团队与坐席分解（团队在前）。")
    async def parts(self, info: Info) -> list[GoalPartType]:
        return [GoalPartType.from_row(row) for row in await info.context.loader(PartsByGoalLoader).load(self.goal_key)]

    @strawberry.field(description="Checks of the whole scope, oldest first. / 整体范围的检查记录（旧在前）。")
    async def checks(self, info: Info) -> list[GoalCheckType]:
        return await _checks(info, self.goal_key, GOAL_PART)

    @classmethod
    def from_row(cls, row: Goal) -> "GoalType":
        return cls(
            id=to_global_id(GOAL_TYPE, row.goal_id), external_id=row.goal_id, name=row.name, metric_key=row.metric_key,
            direction=GoalDirection(row.better), target_kind=GoalTargetKind(row.target_kind), target_value=row.target_input,
            scope_kind=GoalScopeKind(row.scope_kind), team_id=team_global_id(row.team_id), agent_id=agent_global_id(row.agent_id),
            channels=None if row.channels is None else json.loads(row.channels),
            categories=None if row.categories is None else json.loads(row.categories),
            start_date=row.start_date, end_date=row.end_date, owner_id=row.owner_id, tolerance=row.tolerance,
            cadence=timedelta(seconds=row.cadence_s), minimum_sample=row.minimum_sample, baseline_days=row.baseline_days,
            status=GoalStatus(row.status), baseline=row.baseline, baseline_volume=row.baseline_volume, target=row.target,
            shortfall=row.shortfall, workflow_state=workflow_state(row), created_at=from_us(row.created_at_us),
            updated_at=from_us(row.updated_at_us), closed_at=None if row.closed_at_us is None else from_us(row.closed_at_us),
            goal_key=row.goal_id,
        )


@strawberry.input(description="Narrow the goals. / 目标筛选。")
class GoalFilterInput:
    statuses: list[GoalStatus] | None = strawberry.field(default=None, description="Only these statuses. / 仅这些状态。")
    metric_key: str | None = strawberry.field(default=None, description="Only this metric. / 仅此指标。")
    team_id: strawberry.ID | None = strawberry.field(default=None, description="Only goals set on this team. / 仅此团队的目标。")
    agent_id: strawberry.ID | None = strawberry.field(default=None, description="Only goals set on this agent. / 仅此坐席的目标。")


@strawberry.input(description="A new goal. / 新建目标。")
class CreateGoalInput:
    name: str = strawberry.field(description="Name. / 名称。")
    metric_key: str = strawberry.field(description="Catalogue metric key, e.g. fcr_rate. / 指标键（如 fcr_rate）。")
    target_kind: GoalTargetKind = strawberry.field(description="How the target is given. / 目标给定方式。")
    target: float = strawberry.field(description="The value, change or percent change. / 目标值、变化量或百分比变化。")
    scope_kind: GoalScopeKind = strawberry.field(description="Organisation, team or agent. / 范围类型。")
    start_date: date = strawberry.field(description="First day (organisation's time zone). / 开始日期（组织时区）。")
    end_date: date = strawberry.field(description="Last day, inclusive. / 结束日期（含）。")
    team_id: strawberry.ID | None = strawberry.field(default=None, description="The team of a team goal. / 团队目标的团队。")
    agent_id: strawberry.ID | None = strawberry.field(default=None, description="The agent of an agent goal. / 坐席目标的坐席。")
    direction: GoalDirection | None = strawberry.field(default=None, description="Required for volume metrics; defaults to the metric's own. / 量类指标必填，默认取指标自身方向。")
    channels: list[str] | None = strawberry.field(default=None, description="Only these channels. / 仅这些渠道。")
    categories: list[str] | None = strawberry.field(default=None, description="Only these categories. / 仅这些类别。")
    owner_id: str | None = strawberry.field(default=None, description="Owner's user id; you by default. / 负责人用户 ID，默认为你。")
    tolerance: float = strawberry.field(default=0.0, description="± band counted as on track. / 容差。")
    cadence: timedelta = strawberry.field(default=timedelta(days=7), description="Time between milestones, at least PT1H. / 里程碑间隔，至少 PT1H。")
    minimum_sample: int = strawberry.field(default=30, description="Minimum sample of a check. / 检查的最小样本量。")
    baseline_days: int = strawberry.field(default=28, description="Baseline window in days before the start. / 基线期天数。")
    draft: bool = strawberry.field(default=False, description="Save as a draft without starting it. / 仅保存为草稿，不启动。")


@strawberry.input(description="Changes to a draft or running goal (fields not given keep theirs). / 修改草稿或进行中的目标（未给出的字段不变）。")
class UpdateGoalInput:
    id: strawberry.ID = strawberry.field(description="The goal. / 目标。")
    name: str | None = strawberry.field(default=None, description="Name. / 名称。")
    target_kind: GoalTargetKind | None = strawberry.field(default=None, description="How the target is given. / 目标给定方式。")
    target: float | None = strawberry.field(default=None, description="The value, change or percent change. / 目标值。")
    end_date: date | None = strawberry.field(default=None, description="Last day, inclusive. / 结束日期。")
    owner_id: str | None = strawberry.field(default=None, description="Owner's user id. / 负责人。")
    tolerance: float | None = strawberry.field(default=None, description="± band counted as on track. / 容差。")
    cadence: timedelta | None = strawberry.field(default=None, description="Time between milestones. / 里程碑间隔。")
    minimum_sample: int | None = strawberry.field(default=None, description="Minimum sample of a check. / 最小样本量。")
    channels: list[str] | None = strawberry.field(default=None, description="Only these channels. / 仅这些渠道。")
    categories: list[str] | None = strawberry.field(default=None, description="Only these categories. / 仅这些类别。")
    activate: bool = strawberry.field(default=False, description="Start a draft. / 启动草稿。")


@strawberry.input(description="The goal to cancel. / 要取消的目标。")
class CancelGoalInput:
    id: strawberry.ID = strawberry.field(description="The goal. / 目标。")


@strawberry.input(description="The goal to check now. / 要立即检查的目标。")
class CheckGoalNowInput:
    id: strawberry.ID = strawberry.field(description="The goal. / 目标。")


@strawberry.type(description="Result of createGoal. / 创建目标的结果。")
class CreateGoalPayload(Payload):
    goal: GoalType | None = strawberry.field(default=None, description="The goal created. / 新建的目标。")
    start_pending: bool = strawberry.field(default=False, description="The workflow starts once the change is committed and the workflow service answers. / 工作流将在提交且工作流服务可用后启动。")


@strawberry.type(description="Result of updateGoal. / 修改目标的结果。")
class UpdateGoalPayload(Payload):
    goal: GoalType | None = strawberry.field(default=None, description="The goal now. / 修改后的目标。")


@strawberry.type(description="Result of cancelGoal. / 取消目标的结果。")
class CancelGoalPayload(Payload):
    goal: GoalType | None = strawberry.field(default=None, description="The cancelled goal. / 已取消的目标。")


@strawberry.type(description="Result of checkGoalNow. / 立即检查的结果。")
class CheckGoalNowPayload(Payload):
    check: GoalCheckType | None = strawberry.field(default=None, description="The check of the whole scope. / 整体范围的检查。")
    goal: GoalType | None = strawberry.field(default=None, description="The goal. / 目标。")


GoalIdArgument = Annotated[strawberry.ID, strawberry.argument(description="The goal's global id. / 目标的全局 ID。")]
