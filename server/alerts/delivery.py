"""Addressing a raised alert through the outbox: in-app and webhooks, to the people it concerns.

A team's alert goes to the managers of that team (and of the teams above it); an agent's
to the agent and the managers of the agent's team; a critical alert, or one beyond a single
team (the organisation, a channel, a category), also to the administrators.
"""

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import Alert, AlertRule
from server.alerts.rules import Severity
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import Administrators, ManagersOf, RecipientRule, TheAgent
from server.timefmt import format_instant, now_us

RAISED_KIND = "alert.raised"


def recipient_rules(alert: Alert) -> list[RecipientRule]:
    """Who is told of ``alert``."""
    rules: list[RecipientRule] = []
    if alert.agent_id is not None:
        rules.append(TheAgent(alert.agent_id))
    if alert.team_id is not None:
        rules.append(ManagersOf(alert.team_id))
    if alert.team_id is None or alert.severity == Severity.CRITICAL:
        rules.append(Administrators())
    return rules


def message_of(alert: Alert, rule: AlertRule) -> OutboxMessage:
    """The outbox entry of a raised alert (deduplicated per alert; no customer personal data)."""
    payload = {
        "alertId": alert.alert_id, "ruleId": rule.rule_id, "rule": rule.name, "ruleZh": rule.name_zh,
        "metric": rule.metric_key, "source": rule.source, "scopeKind": alert.scope_kind, "scopeId": alert.scope_id,
        "severity": alert.severity, "value": alert.value, "threshold": alert.threshold,
        "windowStart": format_instant(alert.window_start_us), "windowEnd": format_instant(alert.window_end_us),
    }
    return OutboxMessage(RAISED_KIND, "alert", alert.alert_id, payload, dedup_key=f"{RAISED_KIND}:{alert.alert_id}")


async def notify_raised(session: AsyncSession, alert_ids: Sequence[str]) -> list[str]:
    """Write the outbox entries of the raised alerts in ``session``; returns the delivery intents to complete after commit."""
    intents: list[str] = []
    if not alert_ids:
        return intents
    rows = await session.execute(
        select(Alert, AlertRule).join(AlertRule, col(AlertRule.rule_id) == col(Alert.rule_id)).where(col(Alert.alert_id).in_(list(alert_ids)))
    )
    for alert, rule in rows.all():
        _, written = await record_notification(session, message_of(alert, rule), recipient_rules(alert), now_us=now_us())
        intents.extend(written)
    return intents
