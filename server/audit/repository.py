"""Reads and appends of the audit log (no update, no delete here: retention purges elsewhere)."""

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry


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

    async def page(self, narrowing: AuditFilter, *, limit: int, offset: int) -> list[AuditEntry]:
        statement = self._statement(narrowing).order_by(AuditEntry.at_us.desc(), AuditEntry.id.desc())
        found = await self.session.execute(statement.limit(limit).offset(offset))
        return list(found.scalars().all())

    async def count(self, narrowing: AuditFilter) -> int:
        statement = select(func.count()).select_from(self._statement(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()
