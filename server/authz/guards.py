"""Checks resolvers make before reading: a row scope, full access for filters and sorting, ids in scope.

Every refusal is recorded in the request's audit trail before FORBIDDEN is raised.
"""

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.trail import AuditSubject
from server.authz.authorization import FieldAccess
from server.authz.scoping import RowScope
from server.errors import Forbidden, Unauthenticated


def _authorization(context: Any) -> Any:
    if context.authorization is None:
        raise Unauthenticated("authentication required")
    return context.authorization


async def require_rows(context: Any, obj: str, action: str = "read") -> RowScope:
    """The principal's row scope on ``obj``; FORBIDDEN when it has none."""
    scope = await _authorization(context).row_scope(context.session, obj, action)
    if scope.empty:
        context.audit.denied(obj, f"no {action} scope")
        raise Forbidden(f"not allowed to {action} {obj}")
    return scope


def require_full_field(context: Any, field_object: str) -> None:
    """Filtering or sorting on a field needs full access to it, or masked values would leak."""
    if _authorization(context).field_access(field_object) is not FieldAccess.FULL:
        context.audit.denied(field_object, "filter or order needs full access")
        raise Forbidden(f"not allowed to filter or order by {field_object}")


def require_in_scope(context: Any, obj: str, subject: AuditSubject, in_scope: bool) -> None:
    """An id named in a filter or mutation must lie inside the principal's scope."""
    if not in_scope:
        context.audit.denied(obj, "outside row scope", subject)
        raise Forbidden(f"{obj} {subject.id} is outside your scope")


def record_hidden(context: Any, obj: str, subject: AuditSubject, exists: bool) -> None:
    """A look-up by id that found nothing readable: audited when the record exists (the caller sees null)."""
    if exists:
        context.audit.denied(obj, "outside row scope", subject)


class ScopedLookup(Protocol):
    """A repository bound to a row scope that can tell whether an id lies inside it."""

    async def in_scope(self, record_id: str) -> bool: ...


async def require_named_in_scope(
    context: Any, obj: str, kind: str, repository: Callable[[AsyncSession, RowScope], ScopedLookup], record_id: str
) -> None:
    """An id named in a filter: the principal needs a row scope on ``obj`` that holds it (FORBIDDEN, audited)."""
    scoped = repository(context.session, await require_rows(context, obj))
    require_in_scope(context, obj, AuditSubject(kind, record_id), await scoped.in_scope(record_id))


async def load_visible(
    context: Any, obj: str, kind: str, loader: type, exists: Callable[[AsyncSession, str], Awaitable[bool]], record_id: str
) -> Any:
    """The ``obj`` row of ``record_id`` through the request's scoped ``loader``, or None (audited when it exists)."""
    await require_rows(context, obj)
    found = await context.loader(loader).load(record_id)
    if found is None:
        record_hidden(context, obj, AuditSubject(kind, record_id), await exists(context.session, record_id))
    return found
