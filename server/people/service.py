"""Storing directory users: one path for admin mutations, the bulk import and creation from token claims.

Every change of roles, led teams, reviewer pools or the active flag is audited in the
same transaction as the change itself.
"""

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.service import record_event
from server.audit.trail import AuditAction, AuditSubject
from server.authz.identity import Principal
from server.errors import BadUserInput
from server.people.records import FieldProblem, UserRecord, check_user
from server.people.repository import DirectoryRepository

AUDITED_SETS = ("roles", "teams", "pools")


class StoreResult(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class InvalidUser(BadUserInput):
    """A user record that cannot be stored; ``problems`` says why, field by field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems), field=(problems[0].field,))
        self.problems = problems


@dataclass(frozen=True)
class Actor:
    """Who changes the directory (an administrator, the import, the user's own first sign-in) and under which request."""

    principal: Principal
    request_id: str


async def store_user(session: AsyncSession, record: UserRecord, actor: Actor, *, now_us: int) -> StoreResult:
    """Create or replace ``record`` (InvalidUser when it fails the checks); audits what changed in access."""
    problems = check_user(record)
    if problems:
        raise InvalidUser(problems)
    repository = DirectoryRepository(session)
    previous = await repository.get(record.user_id)
    if previous is not None and previous.same_content(record):
        return StoreResult.UNCHANGED
    stamped = record.with_changes(
        created_at_us=previous.created_at_us if previous else now_us,
        source=previous.source if previous else record.source,
        updated_at_us=now_us,
    )
    await repository.save(stamped, previous)
    _audit_access_change(session, actor, previous, stamped)
    return StoreResult.CREATED if previous is None else StoreResult.UPDATED


def access_changes(previous: UserRecord | None, record: UserRecord) -> dict[str, object]:
    """What a change does to access: sets added and removed, and the active flag (empty when nothing)."""
    detail: dict[str, object] = {}
    for name in AUDITED_SETS:
        old: frozenset[str] = getattr(previous, name) if previous else frozenset()
        new: frozenset[str] = getattr(record, name)
        if old != new:
            detail[name] = {"added": sorted(new - old), "removed": sorted(old - new)}
    if previous is None or previous.active != record.active:
        detail["active"] = record.active
    return detail


def _audit_access_change(session: AsyncSession, actor: Actor, previous: UserRecord | None, record: UserRecord) -> None:
    detail = access_changes(previous, record)
    if not detail:
        return
    record_event(
        session,
        principal=actor.principal,
        request_id=actor.request_id,
        action=AuditAction.DIRECTORY_CHANGE,
        object_type="User",
        subject=AuditSubject("user", record.user_id),
        fields=sorted(detail),
        detail={"created": previous is None, **detail},
    )
