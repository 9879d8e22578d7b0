"""Reading alerts and rules within a principal's row scope, in keyset pages."""

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import Alert, AlertRule
from server.alerts.scoping import alert_clause, rule_clause
from server.authz.scoping import RowScope
from server.kernel.paging import Page, PageArgs, SortKey

ALERT_ORDER = (SortKey(Alert.raised_at_us, descending=True), SortKey(Alert.alert_id, descending=True))
RULE_ORDER = (SortKey(AlertRule.rule_id),)


@dataclass(frozen=True)
class AlertFilter:
    states: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    scope_kind: str | None = None
    scope_id: str | None = None
    raised_from_us: int | None = None
    raised_before_us: int | None = None


async def _count(session: AsyncSession, statement: Select) -> int:
    return (await session.execute(select(func.count()).select_from(statement.subquery()))).scalar_one()


class AlertRepository:
    """The alerts a row scope reaches."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def statement(self, narrowing: AlertFilter = AlertFilter()) -> Select:
        statement = select(Alert).where(alert_clause(self.scope))
        if narrowing.states:
            statement = statement.where(Alert.state.in_(narrowing.states))  # type: ignore[attr-defined]
        if narrowing.severities:
            statement = statement.where(Alert.severity.in_(narrowing.severities))  # type: ignore[attr-defined]
        if narrowing.scope_kind is not None:
            statement = statement.where(Alert.scope_kind == narrowing.scope_kind)
        if narrowing.scope_id is not None:
            statement = statement.where(Alert.scope_id == narrowing.scope_id)
        if narrowing.raised_from_us is not None:
            statement = statement.where(Alert.raised_at_us >= narrowing.raised_from_us)
        if narrowing.raised_before_us is not None:
            statement = statement.where(Alert.raised_at_us < narrowing.raised_before_us)
        return statement

    async def page(self, args: PageArgs, narrowing: AlertFilter) -> Page[Alert]:
        rows = (await self.session.execute(args.bounded(self.statement(narrowing), ALERT_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.raised_at_us, row.alert_id])

    async def count(self, narrowing: AlertFilter) -> int:
        return await _count(self.session, self.statement(narrowing))

    async def get(self, alert_id: str) -> Alert | None:
        return (await self.session.execute(self.statement().where(Alert.alert_id == alert_id))).scalars().one_or_none()


class RuleRepository:
    """The live (not deleted) rules a row scope reaches."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def statement(self) -> Select:
        return select(AlertRule).where(AlertRule.deleted.is_(False), rule_clause(self.scope))  # type: ignore[attr-defined]

    async def page(self, args: PageArgs) -> Page[AlertRule]:
        rows = (await self.session.execute(args.bounded(self.statement(), RULE_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.rule_id])

    async def count(self) -> int:
        return await _count(self.session, self.statement())

    async def get(self, rule_id: str) -> AlertRule | None:
        return (await self.session.execute(self.statement().where(AlertRule.rule_id == rule_id))).scalars().one_or_none()

    async def by_ids(self, rule_ids: list[str]) -> dict[str, AlertRule]:
        """Rules by id whatever their scope (an alert the principal sees names its rule); deleted ones included."""
        found = await self.session.execute(select(AlertRule).where(AlertRule.rule_id.in_(rule_ids)))  # type: ignore[attr-defined]
        return {rule.rule_id: rule for rule in found.scalars()}
