"""GraphQL types of the directory: users (contact fields masked by policy), their inputs and payloads."""

from datetime import datetime

import strawberry

from server.audit.trail import AuditSubject
from server.authz.fields import policy_field
from server.authz.masking import mask_email, mask_phone
from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.people.records import UserRecord
from server.timefmt import from_us

USER_TYPE = "User"


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@strawberry.type(description="Quiet hours, local time in the user's zone; the window may wrap past midnight. / 免打扰时段（用户所在时区的本地时间，可跨午夜）。")
class QuietHours:
    start: str = strawberry.field(description="Start, HH:MM. / 开始时间（HH:MM）。")
    end: str = strawberry.field(description="End, HH:MM (exclusive). / 结束时间（HH:MM，不含）。")


@strawberry.type(name="User", description="A person in the directory: roles, teams led, reviewer pools, contact. / 人员目录中的一个人：角色、负责团队、质检池、联系方式。")
class UserType(Node):
    external_id: str = strawberry.field(description="Subject id, the token's `sub`. / 主体 ID（令牌中的 `sub`）。")
    display_name: str = strawberry.field(description="Display name. / 显示名称。")
    email: str | None = policy_field(description="E-mail. / 邮箱。", mask=mask_email)
    phone: str | None = policy_field(description="Phone number. / 电话。", mask=mask_phone)
    language: str = strawberry.field(description="zh-CN or en. / 语言（zh-CN 或 en）。")
    time_zone: str | None = strawberry.field(description="IANA time zone of quiet hours. / 免打扰时段所用的 IANA 时区。")
    quiet_hours: QuietHours | None = strawberry.field(description="Quiet hours for non-urgent notifications. / 非紧急通知的免打扰时段。")
    roles: list[str] = strawberry.field(description="Roles the directory grants. / 目录授予的角色。")
    led_team_ids: list[str] = strawberry.field(description="Teams led (their sub-teams too), by team id. / 负责的团队 ID（含下级团队）。")
    reviewer_pools: list[str] = strawberry.field(description="QA reviewer pools. / 所属质检池。")
    agent_id: str | None = strawberry.field(description="The linked agent's id. / 关联坐席 ID。")
    active: bool = strawberry.field(description="False once deactivated: the user can no longer sign in. / 停用后为假，无法登录。")
    created_at: datetime = strawberry.field(description="When the record was created. / 创建时间。")
    updated_at: datetime = strawberry.field(description="When the record last changed. / 最后修改时间。")

    @classmethod
    def from_record(cls, record: UserRecord) -> "UserType":
        quiet = None
        if record.quiet_start_minute is not None and record.quiet_end_minute is not None:
            quiet = QuietHours(start=clock(record.quiet_start_minute), end=clock(record.quiet_end_minute))
        return cls(
            id=to_global_id(USER_TYPE, record.user_id), external_id=record.user_id, display_name=record.display_name,
            email=record.email, phone=record.phone, language=record.language, time_zone=record.time_zone,
            quiet_hours=quiet, roles=sorted(record.roles), led_team_ids=sorted(record.teams),
            reviewer_pools=sorted(record.pools), agent_id=record.agent_id, active=record.active,
            created_at=from_us(record.created_at_us), updated_at=from_us(record.updated_at_us),
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("user", self.external_id)


@strawberry.input(description="Quiet hours, HH:MM local time. / 免打扰时段（本地时间 HH:MM）。")
class QuietHoursInput:
    start: str = strawberry.field(description="Start, HH:MM. / 开始时间。")
    end: str = strawberry.field(description="End, HH:MM. / 结束时间。")


@strawberry.input(description="Narrow the user list. / 用户筛选。")
class UserFilterInput:
    active: bool | None = strawberry.field(default=None, description="Only active or deactivated users. / 按是否启用筛选。")
    role: str | None = strawberry.field(default=None, description="Only users with this role. / 仅含此角色的用户。")


@strawberry.input(description="A new directory user. / 新建目录用户。")
class CreateUserInput:
    external_id: str = strawberry.field(description="Subject id, the token's `sub`. / 主体 ID（令牌中的 `sub`）。")
    display_name: str = strawberry.field(description="Display name. / 显示名称。")
    email: str | None = strawberry.field(default=None, description="E-mail. / 邮箱。")
    phone: str | None = strawberry.field(default=None, description="Phone number. / 电话。")
    language: str = strawberry.field(default="zh-CN", description="zh-CN or en. / 语言。")
    time_zone: str | None = strawberry.field(default=None, description="IANA time zone. / IANA 时区。")
    quiet_hours: QuietHoursInput | None = strawberry.field(default=None, description="Quiet hours. / 免打扰时段。")
    roles: list[str] = strawberry.field(default_factory=list, description="Roles. / 角色。")
    led_team_ids: list[str] = strawberry.field(default_factory=list, description="Teams led. / 负责的团队。")
    reviewer_pools: list[str] = strawberry.field(default_factory=list, description="QA reviewer pools. / 质检池。")
    agent_id: str | None = strawberry.field(default=None, description="Linked agent id. / 关联坐席 ID。")


@strawberry.input(description="Changes to a user; omitted fields stay as they are. / 修改用户（未给出的字段不变）。")
class UpdateUserInput:
    id: strawberry.ID = strawberry.field(description="The user's global id. / 用户全局 ID。")
    display_name: str | None = strawberry.field(default=None, description="Display name. / 显示名称。")
    email: str | None = strawberry.field(default=None, description="E-mail. / 邮箱。")
    phone: str | None = strawberry.field(default=None, description="Phone number. / 电话。")
    language: str | None = strawberry.field(default=None, description="zh-CN or en. / 语言。")
    time_zone: str | None = strawberry.field(default=None, description="IANA time zone. / IANA 时区。")
    quiet_hours: QuietHoursInput | None = strawberry.field(default=None, description="Quiet hours. / 免打扰时段。")
    clear_quiet_hours: bool = strawberry.field(default=False, description="Remove the quiet hours. / 取消免打扰时段。")
    roles: list[str] | None = strawberry.field(default=None, description="Roles (replaces them). / 角色（整体替换）。")
    led_team_ids: list[str] | None = strawberry.field(default=None, description="Teams led (replaces them). / 负责团队（整体替换）。")
    reviewer_pools: list[str] | None = strawberry.field(default=None, description="Reviewer pools (replaces them). / 质检池（整体替换）。")
    agent_id: str | None = strawberry.field(default=None, description="Linked agent id. / 关联坐席 ID。")
    active: bool | None = strawberry.field(default=None, description="Reactivate (true) or deactivate (false). / 启用或停用。")


@strawberry.input(description="The user to deactivate. / 要停用的用户。")
class DeactivateUserInput:
    id: strawberry.ID = strawberry.field(description="The user's global id. / 用户全局 ID。")


@strawberry.type(description="Result of createUser. / 新建用户的结果。")
class CreateUserPayload(Payload):
    user: UserType | None = strawberry.field(default=None, description="The user created. / 新建的用户。")


@strawberry.type(description="Result of updateUser. / 修改用户的结果。")
class UpdateUserPayload(Payload):
    user: UserType | None = strawberry.field(default=None, description="The user as changed. / 修改后的用户。")


@strawberry.type(description="Result of deactivateUser. / 停用用户的结果。")
class DeactivateUserPayload(Payload):
    user: UserType | None = strawberry.field(default=None, description="The user, now inactive. / 已停用的用户。")

