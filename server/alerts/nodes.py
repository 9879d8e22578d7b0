"""``node(id:)`` for alerts and rules, within the caller's row scope."""

from typing import Any

from server.alerts.repository import AlertRepository, RuleRepository
from server.alerts.scoping import ALERT_TYPE, RULE_TYPE
from server.alerts.types import AlertRuleType, AlertType
from server.kernel.relay import NodeType


async def _scope(context: Any, record: str) -> Any:
    if context.authorization is None:
        return None
    scope = await context.authorization.row_scope(context.session, record)
    return None if scope.empty else scope


async def load_alert(context: Any, key: str) -> AlertType | None:
    scope = await _scope(context, ALERT_TYPE)
    row = await AlertRepository(context.session, scope).get(key) if scope is not None else None
    return AlertType.from_row(row) if row is not None else None


async def load_rule(context: Any, key: str) -> AlertRuleType | None:
    scope = await _scope(context, RULE_TYPE)
    row = await RuleRepository(context.session, scope).get(key) if scope is not None else None
    return AlertRuleType.from_row(row) if row is not None else None


NODES = (NodeType(ALERT_TYPE, load_alert), NodeType(RULE_TYPE, load_rule))
