"""Binding a verified principal to a request's context: policy snapshot and audit trail."""

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
