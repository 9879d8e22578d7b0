"""Subscriptions of alerts: ``alertRaised`` and ``alertUpdated`` over graphql-transport-ws.

Each event is checked again for the subscriber: the directory's current roles and teams,
the current policy, the alert read through the subscriber's row scope in a short session
of its own (ended, with its audit trail written, before the event is sent). An alert the
subscriber may not see is skipped. When the token expires the subscription ends with an
UNAUTHENTICATED error.
"""

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from server.alerts.evaluation import AlertChange
from server.alerts.models import Alert
from server.alerts.repository import AlertRepository
from server.alerts.scoping import ALERT_TYPE
from server.alerts.signals import BROKER, ensure_listening
from server.alerts.types import AlertType
from server.authz.guards import require_rows
from server.authz.request import authorize_context, token_seconds_left
from server.errors import Unauthenticated
from server.people.signin import directory_principal
from server.timefmt import now_us


async def reauthorize(context: Any) -> None:
    """The next event of a long-lived operation: the directory's current roles and teams, the current policy."""
    principal = await directory_principal(context.sessionmaker, context.principal, now_us=now_us(), request_id=context.request_id)
    await authorize_context(context, principal)


async def next_change(queue: asyncio.Queue[AlertChange], context: Any) -> AlertChange:
    """The next alert change, or UNAUTHENTICATED once the token expired."""
    left = token_seconds_left(context)
    if left is not None and left <= 0:
        raise Unauthenticated("token expired")
    try:
        return await asyncio.wait_for(queue.get(), left)
    except TimeoutError:
        raise Unauthenticated("token expired") from None


async def visible_alert(context: Any, alert_id: str) -> Alert | None:
    """The alert as the subscriber may see it now, or None."""
    await reauthorize(context)
    scope = await context.authorization.row_scope(context.session, ALERT_TYPE)
    if scope.empty:
        return None
    return await AlertRepository(context.session, scope).get(alert_id)


async def watch(info: Info, kind: str) -> AsyncGenerator[AlertType, None]:
    context = info.context
    await require_rows(context, ALERT_TYPE)
    await context.finish(success=True)
    await ensure_listening(context.settings.database_url)
    with BROKER.subscribe() as queue:
        while True:
            change = await next_change(queue, context)
            if change.kind != kind:
                continue
            row = await visible_alert(context, change.alert_id)
            if row is None:
                await context.finish(success=True)
                continue
            yield AlertType.from_row(row)


@strawberry.type
class AlertsSubscription:
    @strawberry.subscription(description="Alerts raised that you may see, as they are raised. / 实时推送你可见的新告警。")
    async def alert_raised(self, info: Info) -> AsyncGenerator[AlertType, None]:
        async for alert in watch(info, "raised"):
            yield alert

    @strawberry.subscription(description="State changes of alerts you may see: acknowledged, resolved (by a person, recovered, or not crossed after all). / 实时推送你可见告警的状态变化（确认、解决、自动恢复、迟到事件撤销）。")
    async def alert_updated(self, info: Info) -> AsyncGenerator[AlertType, None]:
        async for alert in watch(info, "updated"):
            yield alert
