"""Mutations of access control: grant and revoke policy rules (admin only by default)."""

import strawberry
from strawberry.types import Info

from server.authz.fields import schema_field_objects
from server.authz.guards import require_rows
from server.authz.repository import GRANT, REVOKE
from server.authz.service import change_policy
from server.authz.types import PolicyChange, PolicyRuleInput, PolicyRuleType


async def _change(info: Info, rule: PolicyRuleInput, effect: str) -> PolicyChange:
    context = info.context
    await require_rows(context, "PolicyRule", "write")
    policies = context.policies
    parsed = rule.to_rule()
    revision, _snapshot = await change_policy(
        context.session,
        policies,
        principal=context.principal,
        request_id=context.request_id,
        rule=parsed,
        effect=effect,
        field_objects=schema_field_objects(info.schema),
    )
    return PolicyChange(
        revision=revision, effect=effect, rule=PolicyRuleType.from_rule(parsed, default=parsed in policies.defaults)
    )


@strawberry.type
class AuthzMutation:
    @strawberry.mutation(
        description="Grant a rule; every process applies it within seconds; audited. / 授予一条策略（数秒内全部进程生效，留审计记录）。"
    )
    async def grant_policy(self, info: Info, rule: PolicyRuleInput) -> PolicyChange:
        return await _change(info, rule, GRANT)

    @strawberry.mutation(
        description="Revoke a rule (defaults included); audited. / 撤销一条策略（含默认策略，留审计记录）。"
    )
    async def revoke_policy(self, info: Info, rule: PolicyRuleInput) -> PolicyChange:
        return await _change(info, rule, REVOKE)
