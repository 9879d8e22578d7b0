"""GraphQL types of access control: the caller, policy rules and policy changes."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.authz.policy import PolicyRule
from server.kernel.feature import Ref

if TYPE_CHECKING:
    from server.people.types import UserType

VIEWER_USER = Ref("server.people.loaders:viewer_user")
"""The people feature answers ``Viewer.user`` (it depends on authorization, so it is named here, not imported)."""


@strawberry.type(name="Viewer", description="You, as the API sees you. / 当前调用者。")
class ViewerType:
    subject: str = strawberry.field(description="Your subject id (your agent id for agents). / 主体 ID。")
    roles: list[str] = strawberry.field(description="Your roles. / 角色。")
    teams: list[str] = strawberry.field(description="Teams you lead, as the directory records them. / 你负责的团队（以人员目录为准）。")

    @strawberry.field(description="Your record in the people directory (null for service accounts). / 你在人员目录中的记录（服务账号为空）。")
    async def user(self, info: Info) -> Annotated["UserType", strawberry.lazy("server.people.types")] | None:
        return await VIEWER_USER.load()(info.context)


@strawberry.enum(description="p: a permission; g: a role joins a role or group. / 规则类型。")
class PolicyRuleKind(Enum):
    P = "p"
    G = "g"


@strawberry.type(name="PolicyRule", description="One rule of the access policy in force. / 一条生效的访问策略。")
class PolicyRuleType:
    kind: PolicyRuleKind = strawberry.field(description="p or g. / 类型。")
    subject: str = strawberry.field(description="Role or group (p); member (g). / 角色或组。")
    object: str = strawberry.field(description="Type.field or record type (p); role or group joined (g). / 对象。")
    action: str | None = strawberry.field(description="read or write (p). / 动作。")
    scope: str | None = strawberry.field(description="full, masked, all, team, own, assigned, aggregate, team_aggregate. / 范围。")
    default: bool = strawberry.field(description="True when it comes from policies/policy.csv. / 是否为默认策略。")

    @classmethod
    def from_rule(cls, rule: PolicyRule, *, default: bool) -> "PolicyRuleType":
        return cls(
            kind=PolicyRuleKind(rule.kind),
            subject=rule.subject,
            object=rule.object,
            action=rule.action or None,
            scope=rule.scope or None,
            default=default,
        )


@strawberry.input(description="A rule to grant or revoke. / 要授予或撤销的规则。")
class PolicyRuleInput:
    kind: PolicyRuleKind = strawberry.field(default=PolicyRuleKind.P, description="p or g. / 类型。")
    subject: str = strawberry.field(description="Role or group (p); member (g). / 角色或组。")
    object: str = strawberry.field(description="Type.field, record type, or the joined role (g). / 对象。")
    action: str | None = strawberry.field(default=None, description="read or write (p). / 动作。")
    scope: str | None = strawberry.field(default=None, description="Scope (p). / 范围。")

    def to_rule(self) -> PolicyRule:
        if self.kind is PolicyRuleKind.G:
            return PolicyRule("g", self.subject, self.object)
        return PolicyRule("p", self.subject, self.object, self.action or "", self.scope or "")


@strawberry.type(description="A policy change that was stored. / 已保存的策略变更。")
class PolicyChange:
    revision: int = strawberry.field(description="Policy revision after the change. / 变更后的策略版本号。")
    effect: str = strawberry.field(description="grant or revoke. / 授予或撤销。")
    rule: PolicyRuleType = strawberry.field(description="The rule. / 规则。")
