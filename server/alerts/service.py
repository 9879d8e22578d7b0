"""Changing rules and alerts on a person's behalf: create, update, delete rules; acknowledge and resolve alerts."""

import json
import uuid

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.defaults import rule_values
from server.alerts.evaluation import ACKNOWLEDGED, MANUAL, OPEN, RESOLVED, AlertChange
from server.alerts.models import Alert, AlertRule
from server.alerts.rules import RuleSpec, ScopeKind, spec_of, validate
from server.alerts.signals import announce
from server.kernel.payloads import InvalidState
from server.org.models import Agent

NOTE_LIMIT = 2000


async def rule_team(session: AsyncSession, spec: RuleSpec) -> str | None:
    """The team a rule concerns: its team, or its agent's current team; None beyond a single team."""
    if spec.scope_id is None:
        return None
    if spec.scope_kind is ScopeKind.TEAM:
        return spec.scope_id
    if spec.scope_kind is ScopeKind.AGENT:
        return (await session.execute(select(col(Agent.team_id)).where(col(Agent.agent_id) == spec.scope_id))).scalar_one_or_none()
    return None


async def create_rule(session: AsyncSession, spec: RuleSpec, *, team_id: str | None, by: str, now_us: int) -> AlertRule:
    """Store a new rule (version 1)."""
    rule = AlertRule(**rule_values(uuid.uuid4().hex, validate(spec), team_id=team_id, now_us=now_us, by=by))  # type: ignore[arg-type]
    session.add(rule)
    await session.flush()
    return rule


def spec_of_rule(rule: AlertRule) -> RuleSpec:
    """A stored rule's settings."""
    return spec_of({
        "name": rule.name, "name_zh": rule.name_zh, "source": rule.source, "metric": rule.metric_key,
        "scope": rule.scope_kind, "scope_id": rule.scope_id, "window": rule.window, "comparator": rule.comparator,
        "threshold": rule.threshold, "deviations": rule.deviations, "min_sample": rule.min_sample,
        "severity": rule.severity, "hysteresis": rule.hysteresis, "cooldown_minutes": rule.cooldown_minutes,
        "enabled": rule.enabled,
    })


async def update_rule(session: AsyncSession, rule: AlertRule, spec: RuleSpec, *, team_id: str | None, by: str, now_us: int) -> AlertRule:
    """Replace a rule's settings; its version goes up by one."""
    values = rule_values(rule.rule_id, validate(spec), team_id=team_id, now_us=now_us, by=by)
    for name in ("name", "name_zh", "source", "metric_key", "scope_kind", "scope_id", "team_id", "window", "comparator",
                 "threshold", "deviations", "min_sample", "severity", "hysteresis", "cooldown_minutes", "enabled"):
        setattr(rule, name, values[name])
    rule.version += 1
    rule.updated_by, rule.updated_at_us = by, now_us
    await session.flush()
    return rule


async def delete_rule(session: AsyncSession, rule: AlertRule, *, by: str, now_us: int) -> None:
    """Mark a rule deleted (its alerts stay, naming it)."""
    rule.deleted, rule.enabled = True, False
    rule.version += 1
    rule.updated_by, rule.updated_at_us = by, now_us
    await session.flush()


def _noted(alert: Alert, by: str, note: str | None, now_us: int) -> str:
    notes = json.loads(alert.notes)
    if note:
        notes.append({"by": by, "at_us": now_us, "text": note[:NOTE_LIMIT]})
    return json.dumps(notes, ensure_ascii=False)


async def acknowledge(session: AsyncSession, alert: Alert, *, by: str, note: str | None, now_us: int) -> Alert:
    """open → acknowledged, with who, when and a note; announced as an update after the commit."""
    if alert.state != OPEN:
        raise InvalidState(f"the alert is {alert.state}, not open", field=("id",), message_zh="告警不是待处理状态")
    alert.state, alert.acknowledged_by, alert.acknowledged_at_us = ACKNOWLEDGED, by, now_us
    alert.notes, alert.updated_at_us = _noted(alert, by, note, now_us), now_us
    await session.flush()
    await announce(session, [AlertChange("updated", alert.alert_id)])
    return alert


async def resolve(session: AsyncSession, alert: Alert, *, by: str, note: str | None, now_us: int) -> Alert:
    """open or acknowledged → resolved by a person; announced as an update after the commit."""
    if alert.state == RESOLVED:
        raise InvalidState("the alert is resolved already", field=("id",), message_zh="告警已解决")
    alert.state, alert.resolved_by, alert.resolved_at_us, alert.resolution = RESOLVED, by, now_us, MANUAL
    alert.notes, alert.updated_at_us = _noted(alert, by, note, now_us), now_us
    await session.flush()
    await announce(session, [AlertChange("updated", alert.alert_id)])
    return alert
