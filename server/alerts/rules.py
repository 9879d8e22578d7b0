"""What a rule may say, checked in one place; the defaults of ``policies/alert-rules.yaml``.

A rule watches one catalogue metric (any key whose value follows from measure sums:
counts, means, shares, NPS; not a percentile) or a raw event (a compliance finding),
in one scope kind, over one window, against a threshold or a baseline.
"""

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from server.errors import BadUserInput
from server.metrics.api import METRICS_BY_KEY, Count, Mean, NetPromoter, Share

RULES_FILE = "alert-rules.yaml"
DEFAULT_PREFIX = "default-"


class RuleSource(StrEnum):
    METRIC = "metric"
    COMPLIANCE_FINDING = "compliance_finding"
    CONVERSATION_WAITING = "conversation_waiting"


class ScopeKind(StrEnum):
    ORGANISATION = "organisation"
    TEAM = "team"
    AGENT = "agent"
    CHANNEL = "channel"
    CATEGORY = "category"


class Window(StrEnum):
    MINUTES_15 = "15m"
    MINUTES_30 = "30m"
    MINUTES_60 = "60m"
    TODAY = "today"
    WEEK = "week"


class Comparator(StrEnum):
    ABOVE = "above"
    BELOW = "below"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


WAITING_SCOPES = frozenset({ScopeKind.ORGANISATION, ScopeKind.CHANNEL, ScopeKind.CATEGORY})
SLIDING_MINUTES = {Window.MINUTES_15: 15, Window.MINUTES_30: 30, Window.MINUTES_60: 60}
WINDOWABLE = (Count, Mean, Share, NetPromoter)
"""Computations a window of measure sums can give (a percentile needs the individual values)."""


@dataclass(frozen=True)
class RuleSpec:
    """A rule's settings, validated."""

    name: str
    name_zh: str
    source: RuleSource
    metric_key: str | None
    scope_kind: ScopeKind
    scope_id: str | None
    window: Window
    comparator: Comparator
    threshold: float | None
    deviations: float | None
    min_sample: int
    severity: Severity
    hysteresis: float
    cooldown_minutes: int
    enabled: bool = True

    def with_changes(self, **changes: Any) -> "RuleSpec":
        return replace(self, **changes)


def _enum(kind: type[StrEnum], value: Any, field: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise BadUserInput(f"{field} must be one of {allowed}", field=(field,), message_zh=f"{field} 须为 {allowed} 之一") from None


def validate(spec: RuleSpec) -> RuleSpec:
    """``spec`` when it is coherent; BadUserInput naming the field at fault otherwise."""
    if not spec.name.strip() or not spec.name_zh.strip():
        raise BadUserInput("a rule needs a name in English and Chinese", field=("name",), message_zh="规则须有中英文名称")
    if spec.source is RuleSource.METRIC:
        definition = METRICS_BY_KEY.get(spec.metric_key or "")
        if definition is None:
            raise BadUserInput(f"unknown metric {spec.metric_key!r}", field=("metric",), message_zh="未知指标")
        if not isinstance(definition.computation, WINDOWABLE):
            raise BadUserInput(
                f"{spec.metric_key} is a percentile: it cannot be kept as window sums", field=("metric",),
                message_zh="百分位指标无法按窗口累计，不能用于告警",
            )
    elif spec.metric_key is not None:
        raise BadUserInput("an event rule names no metric", field=("metric",), message_zh="事件规则不指定指标")
    if spec.source is RuleSource.CONVERSATION_WAITING:
        if spec.scope_kind not in WAITING_SCOPES:
            raise BadUserInput("a waiting conversation has no agent or team yet: scope it by organisation, channel or category",
                               field=("scopeKind",), message_zh="排队中的会话尚无坐席或团队，范围须为组织、渠道或类别")
        if spec.threshold is None or spec.threshold <= 0 or spec.comparator is not Comparator.ABOVE:
            raise BadUserInput("a waiting rule takes a threshold in minutes above 0", field=("threshold",),
                               message_zh="排队规则的阈值为大于 0 的分钟数")
    if spec.scope_kind is ScopeKind.ORGANISATION and spec.scope_id:
        raise BadUserInput("the organisation scope takes no id", field=("scopeId",), message_zh="组织范围不需要 ID")
    if (spec.threshold is None) == (spec.deviations is None):
        raise BadUserInput("give a threshold or a number of deviations, not both", field=("threshold",), message_zh="阈值与标准差倍数须二选一")
    if spec.deviations is not None and spec.deviations <= 0:
        raise BadUserInput("deviations must be positive", field=("deviations",), message_zh="标准差倍数须为正数")
    if spec.min_sample < 1:
        raise BadUserInput("minSample must be at least 1", field=("minSample",), message_zh="最小样本量至少为 1")
    if spec.hysteresis < 0:
        raise BadUserInput("hysteresis cannot be negative", field=("hysteresis",), message_zh="回差不能为负")
    if spec.cooldown_minutes < 0:
        raise BadUserInput("cooldownMinutes cannot be negative", field=("cooldownMinutes",), message_zh="冷却时间不能为负")
    return spec


def spec_of(entry: dict[str, Any]) -> RuleSpec:
    """A rule from one entry of the defaults file (keys as in the file)."""
    return validate(RuleSpec(
        name=str(entry["name"]), name_zh=str(entry["name_zh"]),
        source=_enum(RuleSource, entry.get("source", "metric"), "source"),
        metric_key=entry.get("metric"),
        scope_kind=_enum(ScopeKind, entry["scope"], "scope"), scope_id=entry.get("scope_id"),
        window=_enum(Window, entry["window"], "window"), comparator=_enum(Comparator, entry["comparator"], "comparator"),
        threshold=None if entry.get("threshold") is None else float(entry["threshold"]),
        deviations=None if entry.get("deviations") is None else float(entry["deviations"]),
        min_sample=int(entry.get("min_sample", 1)), severity=_enum(Severity, entry["severity"], "severity"),
        hysteresis=float(entry.get("hysteresis", 0)), cooldown_minutes=int(entry.get("cooldown_minutes", 0)),
        enabled=bool(entry.get("enabled", True)),
    ))


def default_rules(policies_dir: Path) -> dict[str, RuleSpec]:
    """Rule id → spec of every default in ``policies_dir/alert-rules.yaml``."""
    with (policies_dir / RULES_FILE).open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or {}
    return {f"{DEFAULT_PREFIX}{name}": spec_of(entry) for name, entry in entries.items()}
