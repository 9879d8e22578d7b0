"""Reading and writing directory users with their roles, led teams and reviewer pools."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope
from server.kernel.paging import Page, PageArgs, SortKey
from server.people.models import DirectoryUser, ReviewerPoolMember, TeamLead, UserRole
from server.people.records import UserRecord
from server.people.scoping import user_clause

USER_COLUMNS = (
    "display_name", "email", "phone", "language", "time_zone", "quiet_start_minute", "quiet_end_minute",
    "agent_id", "active",
)


class DirectoryRepository:
    """Users by id, whole: the row and its role, team and pool sets."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: str) -> UserRecord | None:
        found = await self.get_many([user_id])
        return found.get(user_id)

    async def get_many(self, user_ids: Iterable[str]) -> dict[str, UserRecord]:
        """The stored users among ``user_ids`` (three statements whatever their number)."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        rows = (await self.session.execute(select(DirectoryUser).where(DirectoryUser.user_id.in_(ids)))).scalars().all()
        roles = await self._sets(select(UserRole.user_id, UserRole.role).where(UserRole.user_id.in_(ids)))
        teams = await self._sets(select(TeamLead.user_id, TeamLead.team_id).where(TeamLead.user_id.in_(ids)))
        pools = await self._sets(
            select(ReviewerPoolMember.user_id, ReviewerPoolMember.pool).where(ReviewerPoolMember.user_id.in_(ids))
        )
        return {row.user_id: _record(row, roles, teams, pools) for row in rows}

    async def _sets(self, statement) -> dict[str, frozenset[str]]:  # noqa: ANN001  (a two-column select)
        grouped: dict[str, set[str]] = {}
        for user_id, value in (await self.session.execute(statement)).all():
            grouped.setdefault(user_id, set()).add(value)
        return {user_id: frozenset(values) for user_id, values in grouped.items()}

    async def save(self, record: UserRecord, previous: UserRecord | None) -> None:
        """Insert or update ``record``; its sets replace the stored ones (only the differences are written)."""
        if previous is None:
            self.session.add(DirectoryUser(
                user_id=record.user_id, source=record.source, created_at_us=record.created_at_us,
                updated_at_us=record.updated_at_us, **{name: getattr(record, name) for name in USER_COLUMNS},
            ))
        else:
            row = await self.session.get(DirectoryUser, record.user_id)
            if row is None:
                raise LookupError(record.user_id)
            for name in USER_COLUMNS:
                setattr(row, name, getattr(record, name))
            row.updated_at_us = record.updated_at_us
        before = previous or UserRecord(user_id=record.user_id, display_name="")
        await self._replace(UserRole, "role", record.user_id, before.roles, record.roles)
        await self._replace(TeamLead, "team_id", record.user_id, before.teams, record.teams)
        await self._replace(ReviewerPoolMember, "pool", record.user_id, before.pools, record.pools)
        await self.session.flush()

    async def _replace(self, table: type, column: str, user_id: str, old: frozenset[str], new: frozenset[str]) -> None:
        removed = sorted(old - new)
        if removed:
            await self.session.execute(
                delete(table).where(table.user_id == user_id, getattr(table, column).in_(removed))  # type: ignore[attr-defined]
            )
        for value in sorted(new - old):
            self.session.add(table(user_id=user_id, **{column: value}))

    async def active_ids_with_role(self, roles: Sequence[str]) -> list[str]:
        statement = (
            select(UserRole.user_id).join(DirectoryUser, DirectoryUser.user_id == UserRole.user_id)
            .where(UserRole.role.in_(list(roles)), DirectoryUser.active.is_(True)).distinct()
        )
        return sorted((await self.session.execute(statement)).scalars().all())


def _record(
    row: DirectoryUser, roles: dict[str, frozenset[str]], teams: dict[str, frozenset[str]], pools: dict[str, frozenset[str]]
) -> UserRecord:
    return UserRecord(
        user_id=row.user_id,
        roles=roles.get(row.user_id, frozenset()),
        teams=teams.get(row.user_id, frozenset()),
        pools=pools.get(row.user_id, frozenset()),
        source=row.source,
        created_at_us=row.created_at_us,
        updated_at_us=row.updated_at_us,
        **{name: getattr(row, name) for name in USER_COLUMNS},
    )


@dataclass(frozen=True)
class UserFilter:
    active: bool | None = None
    role: str | None = None


class ScopedUsers:
    """Users a row scope reaches: pages in id order, counts, look-ups by id."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def statement(self, narrowing: UserFilter = UserFilter()) -> Select:
        statement = select(DirectoryUser.user_id).where(user_clause(self.scope))
        if narrowing.active is not None:
            statement = statement.where(DirectoryUser.active.is_(narrowing.active))
        if narrowing.role is not None:
            statement = statement.where(
                DirectoryUser.user_id.in_(select(UserRole.user_id).where(UserRole.role == narrowing.role))
            )
        return statement

    async def page(self, args: PageArgs, narrowing: UserFilter) -> Page[str]:
        fetched = (await self.session.execute(args.bounded(self.statement(narrowing), USER_ORDER))).scalars().all()
        return Page.of(args, list(fetched), lambda user_id: [user_id])

    async def count(self, narrowing: UserFilter) -> int:
        return (await self.session.execute(select(func.count()).select_from(self.statement(narrowing).subquery()))).scalar_one()

    async def visible(self, user_ids: Sequence[str]) -> dict[str, UserRecord]:
        """The records among ``user_ids`` the scope reaches."""
        found = (await self.session.execute(self.statement().where(DirectoryUser.user_id.in_(list(user_ids))))).scalars().all()
        return await DirectoryRepository(self.session).get_many(found)


USER_ORDER = (SortKey(DirectoryUser.user_id),)
