"""Mutations of alerts: rules (admins; managers for their teams) and the alert lifecycle."""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.alerts.models import Alert, AlertRule
from server.alerts.repository import AlertRepository, RuleRepository
from server.alerts.rules import Comparator, RuleSource, RuleSpec, ScopeKind, Severity, Window
from server.alerts.scoping import ALERT_TYPE, RULE_TYPE
from server.alerts.service import acknowledge, create_rule, delete_rule, resolve, rule_team, spec_of_rule, update_rule
from server.alerts.types import (
    AcknowledgeAlertInput,
    AcknowledgeAlertPayload,
    AlertRuleType,
    AlertType,
    CreateAlertRuleInput,
    CreateAlertRulePayload,
    DeleteAlertRuleInput,
    DeleteAlertRulePayload,
    ResolveAlertInput,
    ResolveAlertPayload,
    UpdateAlertRuleInput,
    UpdateAlertRulePayload,
    text_of,
)
from server.audit.trail import AuditSubject
from server.authz.guards import require_in_scope, require_rows
from server.errors import NotFound
from server.kernel.payloads import payload_mutation
from server.kernel.relay import from_global_id, to_global_id
from server.timefmt import now_us


async def _team_in_scope(info: Info, spec: RuleSpec) -> str | None:
    """The rule's team; a manager may only write rules of the teams it leads (FORBIDDEN, audited)."""
    scope = await require_rows(info.context, RULE_TYPE, "write")
    team_id = await rule_team(info.context.session, spec)
    if not scope.unrestricted:
        require_in_scope(info.context, RULE_TYPE, AuditSubject("team", team_id or "-"), team_id in scope.team_ids)
    return team_id


async def _rule(info: Info, global_id: str) -> AlertRule:
    key = from_global_id(global_id, RULE_TYPE, field=("id",))
    rule = await RuleRepository(info.context.session, await require_rows(info.context, RULE_TYPE, "write")).get(key)
    if rule is None:
        raise NotFound(f"no alert rule {key}", field=("id",))
    return rule


async def _alert(info: Info, global_id: str) -> Alert:
    key = from_global_id(global_id, ALERT_TYPE, field=("id",))
    alert = await AlertRepository(info.context.session, await require_rows(info.context, ALERT_TYPE, "write")).get(key)
    if alert is None:
        raise NotFound(f"no alert {key}", field=("id",))
    return alert


def _changes(input: UpdateAlertRuleInput) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in ("name", "name_zh", "min_sample", "hysteresis", "cooldown_minutes", "enabled"):
        if getattr(input, name) is not None:
            changes[name] = getattr(input, name)
    for name, kind in (("window", Window), ("comparator", Comparator), ("severity", Severity)):
        if getattr(input, name) is not None:
            changes[name] = kind(text_of(getattr(input, name)))
    if input.threshold is not None:
        changes.update(threshold=input.threshold, deviations=None)
    if input.deviations is not None:
        changes.update(deviations=input.deviations, threshold=None if input.threshold is None else input.threshold)
    return changes


@strawberry.type
class AlertsMutation:
    @strawberry.mutation(description="Add an alert rule (admins; managers for their teams and agents). / 新增告警规则（管理员；经理限所带团队及其坐席）。")
    @payload_mutation
    async def create_alert_rule(self, info: Info, input: Annotated[CreateAlertRuleInput, strawberry.argument(description="The rule. / 规则。")]) -> CreateAlertRulePayload:
        spec = RuleSpec(
            name=input.name, name_zh=input.name_zh, source=RuleSource(text_of(input.source)), metric_key=input.metric,
            scope_kind=ScopeKind(text_of(input.scope_kind)), scope_id=input.scope_id, window=Window(text_of(input.window)),
            comparator=Comparator(text_of(input.comparator)), threshold=input.threshold, deviations=input.deviations,
            min_sample=input.min_sample, severity=Severity(text_of(input.severity)), hysteresis=input.hysteresis,
            cooldown_minutes=input.cooldown_minutes, enabled=input.enabled,
        )
        team_id = await _team_in_scope(info, spec)
        rule = await create_rule(info.context.session, spec, team_id=team_id, by=info.context.principal.subject, now_us=now_us())
        return CreateAlertRulePayload(rule=AlertRuleType.from_row(rule))

    @strawberry.mutation(description="Change an alert rule; its version goes up. / 修改告警规则（版本号加一）。")
    @payload_mutation
    async def update_alert_rule(self, info: Info, input: Annotated[UpdateAlertRuleInput, strawberry.argument(description="The rule and the changes. / 规则及其变更。")]) -> UpdateAlertRulePayload:
        rule = await _rule(info, input.id)
        spec = spec_of_rule(rule).with_changes(**_changes(input))
        team_id = await _team_in_scope(info, spec)
        updated = await update_rule(info.context.session, rule, spec, team_id=team_id, by=info.context.principal.subject, now_us=now_us())
        return UpdateAlertRulePayload(rule=AlertRuleType.from_row(updated))

    @strawberry.mutation(description="Delete an alert rule; its alerts stay. / 删除告警规则（已有告警保留）。")
    @payload_mutation
    async def delete_alert_rule(self, info: Info, input: Annotated[DeleteAlertRuleInput, strawberry.argument(description="The rule. / 规则。")]) -> DeleteAlertRulePayload:
        rule = await _rule(info, input.id)
        await delete_rule(info.context.session, rule, by=info.context.principal.subject, now_us=now_us())
        return DeleteAlertRulePayload(deleted_rule_id=to_global_id(RULE_TYPE, rule.rule_id))

    @strawberry.mutation(description="Acknowledge an open alert, with a note. / 确认待处理的告警，可附备注。")
    @payload_mutation
    async def acknowledge_alert(self, info: Info, input: Annotated[AcknowledgeAlertInput, strawberry.argument(description="The alert. / 告警。")]) -> AcknowledgeAlertPayload:
        alert = await _alert(info, input.id)
        changed = await acknowledge(info.context.session, alert, by=info.context.principal.subject, note=input.note, now_us=now_us())
        return AcknowledgeAlertPayload(alert=AlertType.from_row(changed))

    @strawberry.mutation(description="Resolve an open or acknowledged alert, with a note. / 解决告警，可附备注。")
    @payload_mutation
    async def resolve_alert(self, info: Info, input: Annotated[ResolveAlertInput, strawberry.argument(description="The alert. / 告警。")]) -> ResolveAlertPayload:
        alert = await _alert(info, input.id)
        changed = await resolve(info.context.session, alert, by=info.context.principal.subject, note=input.note, now_us=now_us())
        return ResolveAlertPayload(alert=AlertType.from_row(changed))
