"""Mutations of access control: grant and revoke policy rules (admin only by default)."""

from typing import Annotated, cast

import strawberry
from strawberry.types import Info

from server.authz.fields import schema_field_objects
from server.authz.guards import require_rows
from server.authz.policy import PolicyRule
from server.authz.repository import GRANT, REVOKE
from server.authz.service import change_policy
from server.authz.types import (
    GrantPolicyInput, GrantPolicyPayload, PolicyChange, PolicyEffect, PolicyRuleInput, PolicyRuleKind, PolicyRuleType,
    RevokePolicyInput, RevokePolicyPayload,
)
from server.errors import BadUserInput
from server.kernel.payloads import payload_mutation

INPUT = "What to change. / 变更内容。"


def rule_of(given: PolicyRuleInput) -> PolicyRule:
    """The rule an input describes; BAD_USER_INPUT naming the field a permission or membership lacks or must not have."""
    if given.kind is PolicyRuleKind.MEMBERSHIP:
        for name in ("object", "action", "scope"):
            if getattr(given, name) is not None:
                raise BadUserInput(f"a membership takes joins, not {name}", field=("rule", name),
                                   message_zh=f"成员关系只需 joins，不能给出 {name}")
        if not given.joins:
            raise BadUserInput("a membership needs joins", field=("rule", "joins"), message_zh="成员关系需要 joins")
        return PolicyRule("g", given.subject, given.joins)
    if given.joins is not None:
        raise BadUserInput("a permission takes object, action and scope, not joins", field=("rule", "joins"),
                           message_zh="权限需给出 object、action 与 scope，不能给出 joins")
    obj, action, scope = given.object, given.action, given.scope
    if obj is None or action is None or scope is None:
        name = "object" if obj is None else "action" if action is None else "scope"
        raise BadUserInput(f"a permission needs {name}", field=("rule", name), message_zh=f"权限需要 {name}")
    return PolicyRule("p", given.subject, obj, cast(str, action.value), cast(str, scope.value))


async def _change(info: Info, given: PolicyRuleInput, effect: str) -> PolicyChange:
    context = info.context
    await require_rows(context, "PolicyRule", "write")
    policies = context.policies
    rule = rule_of(given)
    revision, _snapshot = await change_policy(
        context.session,
        policies,
        principal=context.principal,
        request_id=context.request_id,
        rule=rule,
        effect=effect,
        field_objects=schema_field_objects(info.schema),
    )
    return PolicyChange(
        revision=revision, effect=PolicyEffect(effect), rule=PolicyRuleType.from_rule(rule, default=rule in policies.defaults)
    )


@strawberry.type
class AuthzMutation:
    @strawberry.mutation(
        description="Grant a rule; every process applies it within seconds; audited. / 授予一条策略（数秒内全部进程生效，留审计记录）。"
    )
    @payload_mutation
    async def grant_policy(self, info: Info, input: Annotated[GrantPolicyInput, strawberry.argument(description=INPUT)]) -> GrantPolicyPayload:
        return GrantPolicyPayload(change=await _change(info, input.rule, GRANT))

    @strawberry.mutation(
        description="Revoke a rule (defaults included); audited. / 撤销一条策略（含默认策略，留审计记录）。"
    )
    @payload_mutation
    async def revoke_policy(self, info: Info, input: Annotated[RevokePolicyInput, strawberry.argument(description=INPUT)]) -> RevokePolicyPayload:
        return RevokePolicyPayload(change=await _change(info, input.rule, REVOKE))
