"""GraphQL types of alerts: rules, alerts and their notes, the inputs and payloads of their mutations."""

import json
from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from server.alerts.loaders import RuleByIdLoader
from server.alerts.models import Alert, AlertRule
from server.alerts.scoping import ALERT_TYPE, RULE_TYPE
from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.timefmt import from_us


def text_of(member: Enum) -> str:
    """The stored text of a GraphQL enum member."""
    return str(member.value)


def _instant(value: int | None) -> datetime | None:
    return from_us(value) if value is not None else None


@strawberry.enum(name="AlertSource", description="What a rule watches. / 规则监测的对象。")
class AlertSourceEnum(Enum):
    METRIC = strawberry.enum_value("metric", description="A catalogue metric. / 指标目录中的指标。")
    COMPLIANCE_FINDING = strawberry.enum_value("compliance_finding", description="Compliance findings of auto-QA. / 自动质检的合规违规。")
    CONVERSATION_WAITING = strawberry.enum_value(
        "conversation_waiting",
        description="Conversations waiting in a queue longer than the threshold (minutes). / 排队等待超过阈值（分钟）的会话。",
    )


@strawberry.enum(name="AlertScopeKind", description="Where a rule looks. / 规则的范围类型。")
class AlertScopeKindEnum(Enum):
    ORGANISATION = strawberry.enum_value("organisation", description="The whole organisation. / 整个组织。")
    TEAM = strawberry.enum_value("team", description="A team (its final agents' conversations). / 团队。")
    AGENT = strawberry.enum_value("agent", description="An agent. / 坐席。")
    CHANNEL = strawberry.enum_value("channel", description="A channel (queue). / 渠道（队列）。")
    CATEGORY = strawberry.enum_value("category", description="A conversation category. / 会话类别。")


@strawberry.enum(name="AlertWindow", description="The window a rule's value is computed over. / 规则取值的时间窗口。")
class AlertWindowEnum(Enum):
    MINUTES_15 = strawberry.enum_value("15m", description="The last 15 minutes. / 最近 15 分钟。")
    MINUTES_30 = strawberry.enum_value("30m", description="The last 30 minutes. / 最近 30 分钟。")
    MINUTES_60 = strawberry.enum_value("60m", description="The last 60 minutes. / 最近 60 分钟。")
    TODAY = strawberry.enum_value("today", description="Since the local day began. / 当天至今。")
    WEEK = strawberry.enum_value("week", description="Since the local week (Monday) began. / 本周（周一起）至今。")


@strawberry.enum(name="AlertComparator", description="Which side of the line alerts. / 越过哪一侧告警。")
class AlertComparatorEnum(Enum):
    ABOVE = strawberry.enum_value("above", description="Alert when the value is above. / 高于时告警。")
    BELOW = strawberry.enum_value("below", description="Alert when the value is below. / 低于时告警。")


@strawberry.enum(name="AlertSeverity", description="How urgent an alert is. / 告警级别。")
class AlertSeverityEnum(Enum):
    INFO = strawberry.enum_value("info", description="For information. / 提示。")
    WARNING = strawberry.enum_value("warning", description="Look soon. / 警告。")
    CRITICAL = strawberry.enum_value("critical", description="Act now; administrators are told too. / 严重，管理员同时收到。")


@strawberry.enum(name="AlertState", description="Where an alert stands. / 告警状态。")
class AlertStateEnum(Enum):
    OPEN = strawberry.enum_value("open", description="Raised, nobody has taken it yet. / 已触发，尚无人处理。")
    ACKNOWLEDGED = strawberry.enum_value("acknowledged", description="Someone is on it. / 已确认处理中。")
    RESOLVED = strawberry.enum_value("resolved", description="Over. / 已解决。")


@strawberry.enum(name="AlertResolution", description="How an alert was resolved. / 告警的解决方式。")
class AlertResolutionEnum(Enum):
    RECOVERED = strawberry.enum_value("recovered", description="The value came back past the hysteresis. / 数值回落超过回差。")
    MANUAL = strawberry.enum_value("manual", description="A person resolved it. / 人工解决。")
    NOT_CROSSED = strawberry.enum_value("not_crossed", description="Late events showed the window never crossed. / 迟到事件表明该窗口并未越线。")


@strawberry.type(name="AlertRule", description="A threshold or baseline rule on a metric or raw event. / 基于指标或原始事件的阈值或基线规则。")
class AlertRuleType(Node):
    name: str = strawberry.field(description="Name in English. / 英文名称。")
    name_zh: str = strawberry.field(description="Name in Chinese. / 中文名称。")
    source: AlertSourceEnum = strawberry.field(description="What it watches. / 监测对象。")
    metric: str | None = strawberry.field(description="Catalogue metric key (metric rules). / 指标键（指标规则）。")
    scope_kind: AlertScopeKindEnum = strawberry.field(description="Kind of scope. / 范围类型。")
    scope_id: str | None = strawberry.field(description="The one team, agent, channel or category; null: each separately. / 指定的团队、坐席、渠道或类别；为空表示逐个分别评估。")
    window: AlertWindowEnum = strawberry.field(description="Window. / 时间窗口。")
    comparator: AlertComparatorEnum = strawberry.field(description="Which side alerts. / 告警方向。")
    threshold: float | None = strawberry.field(description="Threshold (threshold rules). / 阈值（阈值规则）。")
    deviations: float | None = strawberry.field(description="Standard deviations from the baseline (same weekday and hour, previous 4 weeks). / 偏离基线（前 4 周同星期同时段）的标准差倍数。")
    min_sample: int = strawberry.field(description="No decision below this sample size. / 最小样本量，低于此不判断。")
    severity: AlertSeverityEnum = strawberry.field(description="Severity of its alerts. / 告警级别。")
    hysteresis: float = strawberry.field(description="How far back past the line before an alert clears. / 回差：回落多少才解除。")
    cooldown_minutes: int = strawberry.field(description="Minutes before the same rule and scope alert again. / 同一规则与范围再次告警前的冷却分钟数。")
    enabled: bool = strawberry.field(description="Evaluated. / 是否启用。")
    version: int = strawberry.field(description="1, plus one per change. / 版本号（每次修改加一）。")
    updated_at: datetime = strawberry.field(description="Last changed. / 最后修改时间。")

    @classmethod
    def from_row(cls, row: AlertRule) -> "AlertRuleType":
        return cls(
            id=to_global_id(RULE_TYPE, row.rule_id), name=row.name, name_zh=row.name_zh, source=AlertSourceEnum(row.source),
            metric=row.metric_key, scope_kind=AlertScopeKindEnum(row.scope_kind), scope_id=row.scope_id,
            window=AlertWindowEnum(row.window), comparator=AlertComparatorEnum(row.comparator), threshold=row.threshold,
            deviations=row.deviations, min_sample=row.min_sample, severity=AlertSeverityEnum(row.severity),
            hysteresis=row.hysteresis, cooldown_minutes=row.cooldown_minutes, enabled=row.enabled, version=row.version,
            updated_at=from_us(row.updated_at_us),
        )


@strawberry.type(name="AlertNote", description="A note left when acknowledging or resolving. / 确认或解决时留下的备注。")
class AlertNoteType:
    by: str = strawberry.field(description="Who wrote it (subject id). / 作者（主体 ID）。")
    at: datetime = strawberry.field(description="When. / 时间。")
    text: str = strawberry.field(description="The note. / 备注内容。")


@strawberry.type(name="Alert", description="A rule crossed in one scope and window: open, acknowledged, resolved. / 某规则在某范围与窗口越线产生的告警。")
class AlertType(Node):
    rule_id: strawberry.Private[str]
    state: AlertStateEnum = strawberry.field(description="Where it stands. / 状态。")
    severity: AlertSeverityEnum = strawberry.field(description="Severity. / 级别。")
    scope_kind: AlertScopeKindEnum = strawberry.field(description="Kind of scope. / 范围类型。")
    scope_id: str = strawberry.field(description="Team, agent, channel or category id; empty for the organisation. / 范围 ID（组织为空串）。")
    window_start: datetime = strawberry.field(description="Start of the window it crossed on. / 越线窗口开始。")
    window_end: datetime = strawberry.field(description="End of that window (exclusive). / 越线窗口结束（不含）。")
    value: float | None = strawberry.field(description="The value on that window. / 该窗口的数值。")
    threshold: float | None = strawberry.field(description="The rule's threshold then. / 当时的阈值。")
    baseline_mean: float | None = strawberry.field(description="Baseline mean (baseline rules). / 基线均值。")
    baseline_sd: float | None = strawberry.field(description="Baseline standard deviation. / 基线标准差。")
    sample_size: int = strawberry.field(description="Sample size on that window. / 该窗口样本量。")
    last_value: float | None = strawberry.field(description="Value on the latest window evaluated since. / 此后最新窗口的数值。")
    raised_at: datetime = strawberry.field(description="When it was raised. / 触发时间。")
    updated_at: datetime = strawberry.field(description="Last change. / 最后变更时间。")
    acknowledged_by: str | None = strawberry.field(description="Who acknowledged it. / 确认人。")
    acknowledged_at: datetime | None = strawberry.field(description="When. / 确认时间。")
    resolved_by: str | None = strawberry.field(description="Who resolved it (null when it recovered on its own). / 解决人（自动恢复时为空）。")
    resolved_at: datetime | None = strawberry.field(description="When. / 解决时间。")
    resolution: AlertResolutionEnum | None = strawberry.field(description="How it was resolved. / 解决方式。")
    notes: list[AlertNoteType] = strawberry.field(description="Notes, oldest first. / 备注（旧在前）。")

    @strawberry.field(description="The rule that raised it. / 触发它的规则。")
    async def rule(self, info: Info) -> AlertRuleType | None:
        found = await info.context.loader(RuleByIdLoader).load(self.rule_id)
        return AlertRuleType.from_row(found) if found is not None else None

    @classmethod
    def from_row(cls, row: Alert) -> "AlertType":
        notes = [AlertNoteType(by=note["by"], at=from_us(note["at_us"]), text=note["text"]) for note in json.loads(row.notes)]
        return cls(
            id=to_global_id(ALERT_TYPE, row.alert_id), rule_id=row.rule_id, state=AlertStateEnum(row.state),
            severity=AlertSeverityEnum(row.severity), scope_kind=AlertScopeKindEnum(row.scope_kind), scope_id=row.scope_id,
            window_start=from_us(row.window_start_us), window_end=from_us(row.window_end_us), value=row.value,
            threshold=row.threshold, baseline_mean=row.baseline_mean, baseline_sd=row.baseline_sd,
            sample_size=row.sample_size, last_value=row.last_value, raised_at=from_us(row.raised_at_us),
            updated_at=from_us(row.updated_at_us), acknowledged_by=row.acknowledged_by,
            acknowledged_at=_instant(row.acknowledged_at_us), resolved_by=row.resolved_by,
            resolved_at=_instant(row.resolved_at_us),
            resolution=AlertResolutionEnum(row.resolution) if row.resolution else None, notes=notes,
        )


@strawberry.input(description="Narrow the alerts. / 告警筛选。")
class AlertFilterInput:
    states: list[AlertStateEnum] | None = strawberry.field(default=None, description="Only these states. / 仅这些状态。")
    severities: list[AlertSeverityEnum] | None = strawberry.field(default=None, description="Only these severities. / 仅这些级别。")
    scope_kind: AlertScopeKindEnum | None = strawberry.field(default=None, description="Only this kind of scope. / 仅此范围类型。")
    scope_id: str | None = strawberry.field(default=None, description="Only this scope id. / 仅此范围 ID。")
    raised_from: datetime | None = strawberry.field(default=None, description="Raised at or after. / 触发时间不早于。")
    raised_before: datetime | None = strawberry.field(default=None, description="Raised before. / 触发时间早于。")


@strawberry.input(description="A new alert rule. / 新建告警规则。")
class CreateAlertRuleInput:
    name: str = strawberry.field(description="Name in English. / 英文名称。")
    name_zh: str = strawberry.field(description="Name in Chinese. / 中文名称。")
    source: AlertSourceEnum = strawberry.field(description="What it watches. / 监测对象。")
    scope_kind: AlertScopeKindEnum = strawberry.field(description="Kind of scope. / 范围类型。")
    window: AlertWindowEnum = strawberry.field(description="Window. / 时间窗口。")
    comparator: AlertComparatorEnum = strawberry.field(description="Which side alerts. / 告警方向。")
    severity: AlertSeverityEnum = strawberry.field(description="Severity. / 级别。")
    metric: str | None = strawberry.field(default=None, description="Catalogue metric key (metric rules). / 指标键。")
    scope_id: str | None = strawberry.field(default=None, description="One team, agent, channel or category; null: each. / 指定范围 ID；为空表示逐个。")
    threshold: float | None = strawberry.field(default=None, description="Threshold, or … / 阈值，或……")
    deviations: float | None = strawberry.field(default=None, description="… standard deviations from the baseline. / ……偏离基线的标准差倍数。")
    min_sample: int = strawberry.field(default=1, description="Minimum sample size. / 最小样本量。")
    hysteresis: float = strawberry.field(default=0.0, description="Hysteresis. / 回差。")
    cooldown_minutes: int = strawberry.field(default=0, description="Cool-down in minutes. / 冷却分钟数。")
    enabled: bool = strawberry.field(default=True, description="Evaluated. / 是否启用。")


@strawberry.input(description="Changes to a rule; omitted fields stay. / 修改规则（未给出的字段不变）。")
class UpdateAlertRuleInput:
    id: strawberry.ID = strawberry.field(description="The rule's global id. / 规则全局 ID。")
    name: str | None = strawberry.field(default=None, description="Name in English. / 英文名称。")
    name_zh: str | None = strawberry.field(default=None, description="Name in Chinese. / 中文名称。")
    window: AlertWindowEnum | None = strawberry.field(default=None, description="Window. / 时间窗口。")
    comparator: AlertComparatorEnum | None = strawberry.field(default=None, description="Which side alerts. / 告警方向。")
    severity: AlertSeverityEnum | None = strawberry.field(default=None, description="Severity. / 级别。")
    threshold: float | None = strawberry.field(default=None, description="Threshold (clears deviations). / 阈值（同时清除标准差倍数）。")
    deviations: float | None = strawberry.field(default=None, description="Deviations (clears the threshold). / 标准差倍数（同时清除阈值）。")
    min_sample: int | None = strawberry.field(default=None, description="Minimum sample size. / 最小样本量。")
    hysteresis: float | None = strawberry.field(default=None, description="Hysteresis. / 回差。")
    cooldown_minutes: int | None = strawberry.field(default=None, description="Cool-down in minutes. / 冷却分钟数。")
    enabled: bool | None = strawberry.field(default=None, description="Evaluated. / 是否启用。")


@strawberry.input(description="The rule to delete. / 要删除的规则。")
class DeleteAlertRuleInput:
    id: strawberry.ID = strawberry.field(description="The rule's global id. / 规则全局 ID。")


@strawberry.input(description="The alert to acknowledge. / 要确认的告警。")
class AcknowledgeAlertInput:
    id: strawberry.ID = strawberry.field(description="The alert's global id. / 告警全局 ID。")
    note: str | None = strawberry.field(default=None, description="A note. / 备注。")


@strawberry.input(description="The alert to resolve. / 要解决的告警。")
class ResolveAlertInput:
    id: strawberry.ID = strawberry.field(description="The alert's global id. / 告警全局 ID。")
    note: str | None = strawberry.field(default=None, description="A note. / 备注。")


@strawberry.type(description="Result of createAlertRule. / 新建告警规则的结果。")
class CreateAlertRulePayload(Payload):
    rule: AlertRuleType | None = strawberry.field(default=None, description="The rule. / 规则。")


@strawberry.type(description="Result of updateAlertRule. / 修改告警规则的结果。")
class UpdateAlertRulePayload(Payload):
    rule: AlertRuleType | None = strawberry.field(default=None, description="The rule. / 规则。")


@strawberry.type(description="Result of deleteAlertRule. / 删除告警规则的结果。")
class DeleteAlertRulePayload(Payload):
    deleted_rule_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of the deleted rule. / 已删除规则的全局 ID。")


@strawberry.type(description="Result of acknowledgeAlert. / 确认告警的结果。")
class AcknowledgeAlertPayload(Payload):
    alert: AlertType | None = strawberry.field(default=None, description="The alert. / 告警。")


@strawberry.type(description="Result of resolveAlert. / 解决告警的结果。")
class ResolveAlertPayload(Payload):
    alert: AlertType | None = strawberry.field(default=None, description="The alert. / 告警。")
