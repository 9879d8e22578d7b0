"""Reads and appends of the audit log (no update, no delete here: retention purges elsewhere)."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry
from server.kernel.paging import PageArgs, SortKey

NEWEST_FIRST = (SortKey(AuditEntry.at_us, descending=True), SortKey(AuditEntry.id, descending=True))  # type: ignore[arg-type]
"""The log's order: newest first, entries of one instant by number (unique), so pages are stable."""


@dataclass(frozen=True)
class AuditFilter:
    """Narrowing of the audit log; every part optional."""

    actor: str | None = None
    action: str | None = None
    subject_kind: str | None = None
    subject_id: str | None = None
    request_id: str | None = None
    from_us: int | None = None
    to_us: int | None = None


class AuditRepository:
    """The audit log, newest first."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def append(self, entries: list[AuditEntry]) -> None:
        self.session.add_all(entries)

    def _statement(self, narrowing: AuditFilter) -> Select:
        statement = select(AuditEntry)
        conditions = [
            (narrowing.actor, AuditEntry.actor),
            (narrowing.action, AuditEntry.action),
            (narrowing.subject_kind, AuditEntry.subject_kind),
            (narrowing.subject_id, AuditEntry.subject_id),
            (narrowing.request_id, AuditEntry.request_id),
        ]
        for value, column in conditions:
            if value is not None:
                statement = statement.where(column == value)
        if narrowing.from_us is not None:
            statement = statement.where(AuditEntry.at_us >= narrowing.from_us)
        if narrowing.to_us is not None:
            statement = statement.where(AuditEntry.at_us < narrowing.to_us)
        return statement

    async def page(self, narrowing: AuditFilter, args: PageArgs) -> list[AuditEntry]:
        """One keyset page of matching entries, in reading order with one spare row (``Page.of`` reads it)."""
        found = await self.session.execute(args.bounded(self._statement(narrowing), NEWEST_FIRST))
        return list(found.scalars().all())

    async def count(self, narrowing: AuditFilter) -> int:
        statement = select(func.count()).select_from(self._statement(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def by_ids(self, entry_ids: Sequence[int]) -> list[AuditEntry]:
        found = await self.session.execute(select(AuditEntry).where(AuditEntry.id.in_(entry_ids)))  # type: ignore[union-attr]
        return list(found.scalars().all())

    async def exists(self, entry_id: int) -> bool:
        found = await self.session.execute(select(AuditEntry.id).where(AuditEntry.id == entry_id))
        return found.scalar_one_or_none() is not None


def sort_key(entry: AuditEntry) -> tuple[int, int]:
    """An entry's position in ``NEWEST_FIRST`` (what its cursor holds)."""
    return entry.at_us, entry.id or 0
