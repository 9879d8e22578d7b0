"""Queries of alerts: the rules and the alerts within the caller's scope."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.alerts.defaults import ensure_default_rules
from server.alerts.repository import AlertFilter, AlertRepository, RuleRepository
from server.alerts.scoping import ALERT_TYPE, RULE_TYPE
from server.alerts.types import AlertFilterInput, AlertRuleType, AlertType, text_of
from server.authz.guards import require_rows
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection
from server.timefmt import now_us, to_us


def alert_filter(narrowing: AlertFilterInput | None) -> AlertFilter:
    if narrowing is None:
        return AlertFilter()
    return AlertFilter(
        states=tuple(text_of(state) for state in narrowing.states or ()),
        severities=tuple(text_of(severity) for severity in narrowing.severities or ()),
        scope_kind=text_of(narrowing.scope_kind) if narrowing.scope_kind else None,
        scope_id=narrowing.scope_id,
        raised_from_us=to_us(narrowing.raised_from) if narrowing.raised_from else None,
        raised_before_us=to_us(narrowing.raised_before) if narrowing.raised_before else None,
    )


@strawberry.type
class AlertsQuery:
    @strawberry.field(description="Alert rules you may see: all (admins) or your teams' (managers), by id. / 可见的告警规则：全部（管理员）或所带团队的（经理）。")
    async def alert_rules(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection[AlertRuleType]:
        scope = await require_rows(info.context, RULE_TYPE)
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        await ensure_default_rules(info.context.session, info.context.settings.policies_dir, now_us=now_us())
        rules = RuleRepository(info.context.session, scope)
        page = await rules.page(args)

        async def to_nodes(rows: list) -> list[AlertRuleType | None]:
            return [AlertRuleType.from_row(row) for row in rows]

        return await page.connection(to_nodes, rules.count)

    @strawberry.field(description="Alerts you may see, newest first: by state, severity, scope and time. / 可见的告警（新在前），可按状态、级别、范围、时间筛选。")
    async def alerts(
        self, info: Info,
        filter: Annotated[AlertFilterInput | None, strawberry.argument(description="Narrowing. / 筛选条件。")] = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[AlertType]:
        scope = await require_rows(info.context, ALERT_TYPE)
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        alerts = AlertRepository(info.context.session, scope)
        narrowing = alert_filter(filter)
        page = await alerts.page(args, narrowing)

        async def to_nodes(rows: list) -> list[AlertType | None]:
            return [AlertType.from_row(row) for row in rows]

        async def count() -> int:
            return await alerts.count(narrowing)

        return await page.connection(to_nodes, count)
