"""GraphQL types of the organisation: teams, agents, customers (personal data masked by policy)."""

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.fields import policy_field
from server.authz.masking import mask_email, mask_name, mask_phone
from server.conversations import types as conversation_types
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection, Node, to_global_id
from server.org.loaders import (
    AgentByIdLoader,
    AgentCountByTeamLoader,
    AgentPageByTeamLoader,
    SubTeamsByTeamLoader,
    TeamByIdLoader,
)
from server.org.models import Agent, Customer, CustomerPersonal, Team

if TYPE_CHECKING:
    from server.conversations.types import ConversationType

LazyConversation = Annotated["ConversationType", strawberry.lazy("server.conversations.types")]

EXTERNAL_ID = "Id in the event contract. / 事件契约中的 ID。"


@strawberry.type(name="Team", description="A team; teams form a tree through their parent. / 团队（可有上级团队）。")
class TeamType(Node):
    external_id: strawberry.ID = strawberry.field(description=EXTERNAL_ID)
    name: str = strawberry.field(description="Team name. / 团队名称。")
    parent_key: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, team: Team) -> "TeamType":
        return cls(
            id=to_global_id("Team", team.team_id), external_id=strawberry.ID(team.team_id), name=team.name,
            parent_key=team.parent_team_id,
        )

    @strawberry.field(description="Global id of the parent team. / 上级团队的全局 ID。")
    def parent_team_id(self) -> strawberry.ID | None:
        return to_global_id("Team", self.parent_key) if self.parent_key is not None else None

    @strawberry.field(description="The parent team, when visible to you. / 上级团队（如可见）。")
    async def parent(self, info: Info) -> "TeamType | None":
        if self.parent_key is None:
            return None
        team = await info.context.loader(TeamByIdLoader).load(self.parent_key)
        return TeamType.from_row(team) if team else None

    @strawberry.field(description="Teams directly below this one that you may see. / 可见的直属下级团队。")
    async def sub_teams(self, info: Info) -> list["TeamType"]:
        children = await info.context.loader(SubTeamsByTeamLoader).load(self.external_id)
        return [TeamType.from_row(team) for team in children]

    @strawberry.field(
        description="Agents of this team that you may see, by id. / 本团队中你可见的坐席（按 ID 排序）。"
    )
    async def agents(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection["AgentType"] | None:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        agent_ids = await context.loader(AgentPageByTeamLoader).load((self.external_id, args))
        page = Page.of(args, agent_ids, sort_key=lambda agent_id: (agent_id,))

        async def count() -> int:
            return await context.loader(AgentCountByTeamLoader).load(self.external_id)

        return await page.connection(lambda ids: agent_nodes(info, ids), count)


async def agent_nodes(info: Info, agent_ids: list[str]) -> list["AgentType | None"]:
    """Agents by id, in order, through the request's scoped loader (None where no longer visible)."""
    agents = await info.context.loader(AgentByIdLoader).load_many(agent_ids)
    return [AgentType.from_row(agent) if agent is not None else None for agent in agents]


@strawberry.type(name="Agent", description="A service agent. / 客服坐席。")
class AgentType(Node):
    external_id: strawberry.ID = strawberry.field(description=EXTERNAL_ID)
    name: str | None = policy_field(description="Name. / 姓名。", mask=mask_name)
    email: str | None = policy_field(description="Work e-mail. / 工作邮箱。", mask=mask_email)
    hire_date: date | None = strawberry.field(description="Hire date. / 入职日期。")
    active: bool | None = strawberry.field(description="Currently employed. / 是否在职。")
    team_key: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, agent: Agent) -> "AgentType":
        return cls(
            id=to_global_id("Agent", agent.agent_id),
            external_id=strawberry.ID(agent.agent_id),
            name=agent.name,
            email=agent.email,
            hire_date=agent.hire_date,
            active=agent.active,
            team_key=agent.team_id,
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("agent", self.external_id)

    @strawberry.field(description="Global id of the current team. / 当前团队的全局 ID。")
    def team_id(self) -> strawberry.ID | None:
        return to_global_id("Team", self.team_key) if self.team_key is not None else None

    @strawberry.field(description="The agent's current team, when visible to you. / 当前团队（如可见）。")
    async def team(self, info: Info) -> TeamType | None:
        if self.team_key is None:
            return None
        team = await info.context.loader(TeamByIdLoader).load(self.team_key)
        return TeamType.from_row(team) if team else None

    @strawberry.field(
        description="Conversations this agent was assigned that you may see, newest first. / 该坐席接待过、你可见的会话（新在前）。"
    )
    async def conversations(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection[LazyConversation] | None:
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        return await conversation_types.conversations_of_agent(info, self.external_id, args)


@strawberry.type(
    name="Customer", description="A customer; personal data is masked unless your role may see it. / 客户（个人信息按角色脱敏）。"
)
class CustomerType(Node):
    external_id: strawberry.ID = strawberry.field(description=EXTERNAL_ID)
    name: str | None = policy_field(description="Name. / 姓名。", mask=mask_name)
    phone: str | None = policy_field(description="Phone number. / 电话。", mask=mask_phone)
    email: str | None = policy_field(description="E-mail. / 邮箱。", mask=mask_email)

    @classmethod
    def from_row(cls, customer: Customer, personal: CustomerPersonal | None) -> "CustomerType":
        return cls(
            id=to_global_id("Customer", customer.customer_id),
            external_id=strawberry.ID(customer.customer_id),
            name=personal.name if personal else None,
            phone=personal.phone if personal else None,
            email=personal.email if personal else None,
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("customer", self.external_id)


@strawberry.input(description="Narrow the agent list. / 坐席筛选。")
class AgentFilterInput:
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this team (global id). / 仅该团队（全局 ID）。"
    )
    name_contains: str | None = strawberry.field(
        default=None, description="Name contains (needs full access to Agent.name). / 姓名包含（需可见姓名）。"
    )
    active: bool | None = strawberry.field(default=None, description="Only active or inactive. / 在职状态。")


@strawberry.enum(description="Order of the agent list. / 坐席排序。")
class AgentOrder(Enum):
    ID = strawberry.enum_value("id", description="By id, in code-point order. / 按 ID（码位顺序）。")
    NAME = strawberry.enum_value(
        "name", description="By name (code-point order), then id; needs full access to Agent.name. / 按姓名（码位顺序）再按 ID；需可见姓名。"
    )


@strawberry.input(
    description="Narrow the customer list; personal-data filters need full access to that field. / 客户筛选（按个人信息筛选需有完整查看权限）。"
)
class CustomerFilterInput:
    name_contains: str | None = strawberry.field(default=None, description="Name contains. / 姓名包含。")
    phone: str | None = strawberry.field(default=None, description="Exact phone. / 电话（精确）。")
    email: str | None = strawberry.field(default=None, description="Exact e-mail, any case. / 邮箱（精确，不区分大小写）。")


@strawberry.enum(description="Order of the customer list. / 客户排序。")
class CustomerOrder(Enum):
    ID = strawberry.enum_value("id", description="By id, in code-point order. / 按 ID（码位顺序）。")
    NAME = strawberry.enum_value(
        "name",
        description="By name (code-point order; unnamed last), then id; needs full access to Customer.name. "
        "/ 按姓名（码位顺序，无姓名者在后）再按 ID；需可见姓名。",
    )
