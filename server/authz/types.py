"""GraphQL types of access control: the caller, policy rules and policy changes.

A rule is either a permission (a role or group may read or write an object, in a
scope) or a membership (a role or group joins another and gets its permissions).
Casbin stores them as ``p`` and ``g`` lines; the API names them for what they mean.
A rule is a value, identified by its content, not a stored record: it has no id.
"""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.authz.policy import PolicyRule, Scope
from server.authz.repository import GRANT, REVOKE
from server.kernel.feature import Ref
from server.kernel.payloads import Payload
from server.kernel.relay import to_global_id

if TYPE_CHECKING:
    from server.people.types import UserType

PERMISSION = "p"
MEMBERSHIP = "g"
VIEWER_USER = Ref("server.people.loaders:viewer_user")
"""The people feature answers ``Viewer.user`` (it depends on authorization, so it is named here, not imported)."""


@strawberry.type(name="Viewer", description="You, as the API sees you. / 当前调用者。")
class ViewerType:
    subject: str = strawberry.field(
        description="Your subject id from your token (your agent id for agents). / 令牌中的主体 ID（坐席为其坐席 ID）。"
    )
    roles: list[str] = strawberry.field(
        description="Your roles, as the people directory grants them (an open set: administrators may add roles to the "
        "policy). / 人员目录授予你的角色（管理员可在策略中新增角色）。"
    )
    team_ids: list[strawberry.ID] = strawberry.field(
        description="Global ids of the teams you lead, as the people directory records them. / 你负责的团队的全局 ID（以人员目录为准）。"
    )

    @strawberry.field(description="Your record in the people directory (null for service accounts). / 你在人员目录中的记录（服务账号为空）。")
    async def user(self, info: Info) -> Annotated["UserType", strawberry.lazy("server.people.types")] | None:
        return await VIEWER_USER.load()(info.context)


@strawberry.enum(description="A permission, or a membership in a role or group. / 规则类型：权限或成员关系。")
class PolicyRuleKind(Enum):
    PERMISSION = strawberry.enum_value(
        PERMISSION,
        description="`subject` may `action` on `object` within `scope`. / 权限：`subject` 可在 `scope` 范围内对 `object` 执行 `action`。",
    )
    MEMBERSHIP = strawberry.enum_value(
        MEMBERSHIP,
        description="`subject` joins the role or group `joins` and gets its permissions. / 成员关系：`subject` 加入 `joins` 所指角色或组并获得其权限。",
    )


@strawberry.enum(description="What a permission allows. / 权限允许的动作。")
class PolicyAction(Enum):
    READ = strawberry.enum_value("read", description="Read a Query or object field, or rows of a record type. / 读取查询字段、对象字段或记录行。")
    WRITE = strawberry.enum_value("write", description="Run a mutation, or change rows of a record type. / 执行变更或修改记录行。")
    ERASE = strawberry.enum_value("erase", description="Erase the personal data of records (customers). / 删除记录（客户）的个人数据。")


@strawberry.enum(description="How much of the object a permission gives. / 权限的范围。")
class PolicyScope(Enum):
    FULL = strawberry.enum_value(Scope.FULL.value, description="A field, in full. / 字段：完整值。")
    MASKED = strawberry.enum_value(Scope.MASKED.value, description="A field, redacted (`138****5678`). / 字段：脱敏值。")
    ALL = strawberry.enum_value(Scope.ALL.value, description="Rows: every row. / 记录：全部。")
    TEAM = strawberry.enum_value(
        Scope.TEAM.value, description="Rows: those of the teams you lead and their sub-teams. / 记录：所负责团队（含下级团队）的。"
    )
    OWN = strawberry.enum_value(Scope.OWN.value, description="Rows: your own. / 记录：本人的。")
    ASSIGNED = strawberry.enum_value(
        Scope.ASSIGNED.value, description="Rows: those assigned to you for review. / 记录：分配给你质检的。"
    )
    AGGREGATE = strawberry.enum_value(
        Scope.AGGREGATE.value,
        description="Metrics: aggregates over enough agents, agents pseudonymised. / 指标：足够多坐席的汇总，坐席匿名化。",
    )
    TEAM_AGGREGATE = strawberry.enum_value(
        Scope.TEAM_AGGREGATE.value,
        description="Metrics: such aggregates, of the teams you lead only. / 指标：仅限所负责团队的此类汇总。",
    )


@strawberry.enum(description="Whether a change granted or revoked a rule. / 变更是授予还是撤销。")
class PolicyEffect(Enum):
    GRANT = strawberry.enum_value(GRANT, description="The rule was added to the policy. / 规则已加入策略。")
    REVOKE = strawberry.enum_value(REVOKE, description="The rule was taken out of the policy. / 规则已移出策略。")


@strawberry.type(
    name="PolicyRule",
    description="One rule of the access policy in force; a rule is identified by its content and has no id. "
    "/ 一条生效的访问策略；规则由其内容标识，没有 ID。",
)
class PolicyRuleType:
    kind: PolicyRuleKind = strawberry.field(description="Permission or membership. / 权限或成员关系。")
    subject: str = strawberry.field(
        description="The role or group the rule is about (`admin`, `group:audit_reader`). / 规则所针对的角色或组。"
    )
    object: str | None = strawberry.field(
        description="Permissions: what is allowed, a `Type.field` or a record type (`Agent`); null for memberships. "
        "/ 权限：允许的对象（`Type.field` 或记录类型，如 `Agent`）；成员关系为空。"
    )
    action: PolicyAction | None = strawberry.field(description="Permissions: the action; null for memberships. / 权限：动作；成员关系为空。")
    scope: PolicyScope | None = strawberry.field(description="Permissions: the scope; null for memberships. / 权限：范围；成员关系为空。")
    joins: str | None = strawberry.field(
        description="Memberships: the role or group `subject` joins; null for permissions. / 成员关系：`subject` 加入的角色或组；权限为空。"
    )
    default: bool = strawberry.field(
        description="True when the rule comes from the default policy (policies/policy.csv). / 是否来自默认策略（policies/policy.csv）。"
    )

    @classmethod
    def from_rule(cls, rule: PolicyRule, *, default: bool) -> "PolicyRuleType":
        if rule.kind == MEMBERSHIP:
            return cls(kind=PolicyRuleKind.MEMBERSHIP, subject=rule.subject, object=None, action=None, scope=None,
                       joins=rule.object, default=default)
        return cls(
            kind=PolicyRuleKind.PERMISSION,
            subject=rule.subject,
            object=rule.object,
            action=PolicyAction(rule.action),
            scope=PolicyScope(rule.scope),
            joins=None,
            default=default,
        )


@strawberry.input(
    description="A rule to grant or revoke: a permission (`object`, `action`, `scope`) or a membership (`joins`). "
    "/ 要授予或撤销的规则：权限（`object`、`action`、`scope`）或成员关系（`joins`）。"
)
class PolicyRuleInput:
    kind: PolicyRuleKind = strawberry.field(
        default=PolicyRuleKind.PERMISSION, description="Permission (the default) or membership. / 权限（默认）或成员关系。"
    )
    subject: str = strawberry.field(description="The role or group the rule is about. / 规则所针对的角色或组。")
    object: str | None = strawberry.field(
        default=None, description="Permissions: a `Type.field` or a record type. / 权限：`Type.field` 或记录类型。"
    )
    action: PolicyAction | None = strawberry.field(default=None, description="Permissions: the action. / 权限：动作。")
    scope: PolicyScope | None = strawberry.field(default=None, description="Permissions: the scope. / 权限：范围。")
    joins: str | None = strawberry.field(
        default=None, description="Memberships: the role or group to join. / 成员关系：要加入的角色或组。"
    )


@strawberry.type(description="A policy change that was stored. / 已保存的策略变更。")
class PolicyChange:
    revision: int = strawberry.field(
        description="Policy revision after the change; every process applies it within seconds. / 变更后的策略版本号（数秒内各进程生效）。"
    )
    effect: PolicyEffect = strawberry.field(description="Granted or revoked. / 授予或撤销。")
    rule: PolicyRuleType = strawberry.field(description="The rule. / 规则。")


@strawberry.input(description="The rule to grant. / 要授予的规则。")
class GrantPolicyInput:
    rule: PolicyRuleInput = strawberry.field(description="The rule. / 规则。")


@strawberry.type(description="The result of `grantPolicy`. / `grantPolicy` 的结果。")
class GrantPolicyPayload(Payload):
    change: PolicyChange | None = strawberry.field(
        default=None, description="The stored change; null when refused. / 已保存的变更；被拒绝时为空。"
    )


@strawberry.input(description="The rule to revoke. / 要撤销的规则。")
class RevokePolicyInput:
    rule: PolicyRuleInput = strawberry.field(description="The rule (a default rule may be revoked too). / 规则（默认规则也可撤销）。")


@strawberry.type(description="The result of `revokePolicy`. / `revokePolicy` 的结果。")
class RevokePolicyPayload(Payload):
    change: PolicyChange | None = strawberry.field(
        default=None, description="The stored change; null when refused. / 已保存的变更；被拒绝时为空。"
    )


def viewer_team_ids(teams: frozenset[str]) -> list[strawberry.ID]:
    """Global ids of the teams a token names, in key order."""
    return [to_global_id("Team", team) for team in sorted(teams)]
