"""Binding a verified principal to a request's context: policy snapshot and audit trail."""

import time

from server.audit.trail import AuditTrail
from server.authz.authorization import Authorization
from server.authz.identity import Principal
from server.context import Context



async def authorize_context(context: Context, principal: Principal) -> Context:
    """Give ``context`` the principal, the current policy snapshot and a fresh audit trail."""
    policies = context.policies
    if policies is None:
        raise RuntimeError("the context has no policy enforcer")
    snapshot = await policies.refresh(context.sessionmaker)
    context.principal = principal
    context.authorization = Authorization(principal=principal, snapshot=snapshot)
    context.audit = AuditTrail(principal=principal, request_id=context.request_id)
    return context


def token_seconds_left(context: Context) -> float | None:
    """Seconds until the principal's token expires (leeway included); None when it never does."""
    expires_at = getattr(context.principal, "expires_at", None)
    if expires_at is None:
        return None
    return expires_at + context.settings.jwt_leeway_seconds - time.time()

