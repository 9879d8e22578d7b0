"""Helpers of the alert tests: rules stored directly, events ingested through the real pipeline, alerts read back."""

from collections.abc import Iterable
from typing import Any

from server.alerts.models import Alert
from server.alerts.pipeline import settle_evaluations
from server.alerts.rules import Comparator, RuleSource, RuleSpec, ScopeKind, Severity, Window
from server.alerts.service import create_rule
from server.config import Settings
from server.db import transaction
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.metrics.helpers import ingest


def spec(**changes: Any) -> RuleSpec:
    """A rule on the organisation's conversation count over 15 minutes, above 3, changed by ``changes``."""
    base = RuleSpec(
        name="Busy", name_zh="繁忙", source=RuleSource.METRIC, metric_key="conversations",
        scope_kind=ScopeKind.ORGANISATION, scope_id=None, window=Window.MINUTES_15, comparator=Comparator.ABOVE,
        threshold=3.0, deviations=None, min_sample=1, severity=Severity.WARNING, hysteresis=0.0, cooldown_minutes=0,
    )
    return base.with_changes(**changes)


async def add_rule(sessionmaker: async_sessionmaker[AsyncSession], rule: RuleSpec, team_id: str | None = None) -> str:
    async with transaction(sessionmaker) as session:
        stored = await create_rule(session, rule, team_id=team_id, by="test-admin", now_us=1)
        return stored.rule_id


async def ingest_and_settle(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, events: Iterable[dict[str, Any]]) -> None:
    """Ingest (one transaction), then wait for the evaluation its commit started."""
    await ingest(sessionmaker, settings, list(events))
    await settle_evaluations()


async def alerts_of(sessionmaker: async_sessionmaker[AsyncSession], rule_id: str) -> list[Alert]:
    async with sessionmaker() as session:
        found = await session.execute(select(Alert).where(Alert.rule_id == rule_id).order_by(Alert.window_end_us))
        return list(found.scalars())
