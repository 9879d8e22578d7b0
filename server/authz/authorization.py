"""Per-request authorization: the principal, the policy snapshot taken at the start, a memo."""

from dataclasses import dataclass, field
from enum import Enum

from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.identity import Principal
from server.authz.policy import PolicySnapshot, Scope
from server.authz.scoping import RowScope, led_team_ids, own_team_ids
from server.errors import Forbidden


class FieldAccess(Enum):
    """How a field reaches this principal."""

    FULL = "full"
    MASKED = "masked"
    DENIED = "denied"


@dataclass
class Authorization:
    """Decisions for one request; every decision in a request comes from the same snapshot."""

    principal: Principal
    snapshot: PolicySnapshot
    _fields: dict[tuple[str, str], FieldAccess] = field(default_factory=dict)
    _row_scopes: dict[tuple[str, str], RowScope] = field(default_factory=dict)
    _led_teams: frozenset[str] | None = None
    _own_teams: frozenset[str] | None = None

    @property
    def subject(self) -> str:
        return self.principal.subject

    def scopes(self, obj: str, action: str = "read") -> frozenset[str]:
        return self.snapshot.scopes(self.principal.roles, obj, action)

    def allows(self, obj: str, action: str = "read") -> bool:
        return bool(self.scopes(obj, action))

    def field_access(self, obj: str, action: str = "read") -> FieldAccess:
        """FULL, MASKED or DENIED for a ``Type.field`` object."""
        key = (obj, action)
        access = self._fields.get(key)
        if access is None:
            scopes = self.scopes(obj, action)
            if Scope.FULL in scopes:
                access = FieldAccess.FULL
            elif Scope.MASKED in scopes:
                access = FieldAccess.MASKED
            else:
                access = FieldAccess.DENIED
            self._fields[key] = access
        return access

    def require_field(self, obj: str, action: str = "read") -> None:
        """Raise FORBIDDEN unless ``obj`` is readable in full (filters and sorting need full access)."""
        if self.field_access(obj, action) is not FieldAccess.FULL:
            raise Forbidden(f"not allowed to use {obj}")

    async def row_scope(self, session: AsyncSession, obj: str, action: str = "read") -> RowScope:
        """The rows of ``obj`` this principal may see, with its team scope resolved (memoised)."""
        key = (obj, action)
        cached = self._row_scopes.get(key)
        if cached is not None:
            return cached
        scopes = self.scopes(obj, action)
        led: frozenset[str] = frozenset()
        own: frozenset[str] = frozenset()
        if scopes & {Scope.TEAM, Scope.TEAM_AGGREGATE}:
            if self._led_teams is None:
                self._led_teams = await led_team_ids(session, self.principal.teams)
            led = self._led_teams
        if Scope.OWN in scopes and obj == "Team":
            if self._own_teams is None:
                self._own_teams = await own_team_ids(session, self.subject)
            own = self._own_teams
        scope = RowScope(obj=obj, scopes=scopes, subject=self.subject, team_ids=led, own_team_ids=own)
        self._row_scopes[key] = scope
        return scope

    async def require_rows(self, session: AsyncSession, obj: str, action: str = "read") -> RowScope:
        """The row scope, or FORBIDDEN when the principal has none on ``obj``."""
        scope = await self.row_scope(session, obj, action)
        if scope.empty:
            raise Forbidden(f"not allowed to {action} {obj}")
        return scope
