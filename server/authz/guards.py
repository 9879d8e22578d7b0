"""Checks resolvers make before reading: a row scope, full access for filters and sorting, ids in scope.

Every refusal is recorded in the request's audit trail before FORBIDDEN is raised.
"""

from typing import Any

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
