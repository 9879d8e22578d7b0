"""Queries of access control: who am I, which policy is in force."""

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.authz.types import PolicyRuleType, ViewerType
from server.errors import Unauthenticated


@strawberry.type
class AuthzQuery:
    @strawberry.field(description="Who you are. / 当前调用者信息。")
    def me(self, info: Info) -> ViewerType:
        principal = info.context.principal
        if principal is None:
            raise Unauthenticated("authentication required")
        return ViewerType(subject=principal.subject, roles=sorted(principal.roles), teams=sorted(principal.teams))

    @strawberry.field(description="Every rule in force (defaults and run-time changes). / 全部生效策略。")
    async def policy_rules(self, info: Info, subject: str | None = None) -> list[PolicyRuleType]:
        context = info.context
        await require_rows(context, "PolicyRule")
        defaults = set(context.policies.defaults) if context.policies is not None else set()
        snapshot = context.authorization.snapshot
        return [
            PolicyRuleType.from_rule(rule, default=rule in defaults)
            for rule in snapshot.rules
            if subject is None or rule.subject == subject
        ]

    @strawberry.field(description="Revision of the policy this request used. / 本请求所用策略版本号。")
    async def policy_revision(self, info: Info) -> int:
        await require_rows(info.context, "PolicyRule")
        return info.context.authorization.snapshot.revision
