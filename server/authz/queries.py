"""Queries of access control: who am I, which policy is in force."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.authz.rule_pages import rule_page
from server.authz.types import PolicyRuleKind, PolicyRuleType, ViewerType, viewer_team_ids
from server.errors import Unauthenticated
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection


@strawberry.type
class AuthzQuery:
    @strawberry.field(description="Who you are. / 当前调用者信息。")
    def me(self, info: Info) -> ViewerType:
        principal = info.context.principal
        if principal is None:
            raise Unauthenticated("authentication required")
        return ViewerType(subject=principal.subject, roles=sorted(principal.roles), team_ids=viewer_team_ids(principal.teams))

    @strawberry.field(
        description="Every rule in force (defaults and run-time changes), ordered by kind (memberships first), subject, "
        "object, action and scope. / 全部生效策略（含默认与运行时变更），按类型（成员关系在前）、主体、对象、动作、范围排序。"
    )
    async def policy_rules(
        self,
        info: Info,
        subject: Annotated[
            str | None, strawberry.argument(description="Only rules about this role or group. / 仅针对该角色或组的规则。")
        ] = None,
        kind: Annotated[
            PolicyRuleKind | None, strawberry.argument(description="Only permissions, or only memberships. / 仅权限或仅成员关系。")
        ] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[PolicyRuleType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        await require_rows(context, "PolicyRule")
        defaults = set(context.policies.defaults) if context.policies is not None else set()
        rules = [
            rule for rule in context.authorization.snapshot.rules
            if (subject is None or rule.subject == subject) and (kind is None or rule.kind == kind.value)
        ]
        page = rule_page(rules, args)

        async def to_nodes(found: list) -> list[PolicyRuleType | None]:
            return [PolicyRuleType.from_rule(rule, default=rule in defaults) for rule in found]

        async def count() -> int:
            return len(rules)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="Revision of the policy this request used. / 本请求所用策略版本号。")
    async def policy_revision(self, info: Info) -> int:
        await require_rows(info.context, "PolicyRule")
        return info.context.authorization.snapshot.revision
