"""GraphQL types of the organisation: teams, agents, customers (personal data masked by policy)."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.conversations import types as conversation_types
from server.conversations.loaders import RecentConversationsByAgentLoader
from server.authz.fields import policy_field
from server.authz.masking import mask_email, mask_name, mask_phone
from server.org.loaders import AgentsByTeamLoader, SubTeamsByTeamLoader, TeamByIdLoader
from server.org.models import Agent, Customer, CustomerPersonal, Team
from server.pagination import PageInfo, PageRequest

if TYPE_CHECKING:
    from server.conversations.types import ConversationType

ConversationList = list[Annotated["ConversationType", strawberry.lazy("server.conversations.types")]]


@strawberry.type(name="Team", description="A team; teams form a tree through their parent. / 团队（可有上级团队）。")
class TeamType:
    id: strawberry.ID = strawberry.field(description="Team id. / 团队 ID。")
    name: str = strawberry.field(description="Team name. / 团队名称。")
    parent_team_id: strawberry.ID | None = strawberry.field(description="Parent team id. / 上级团队 ID。")

    @classmethod
    def from_row(cls, team: Team) -> "TeamType":
        return cls(id=strawberry.ID(team.team_id), name=team.name, parent_team_id=team.parent_team_id)

    @strawberry.field(description="The parent team, when visible to you. / 上级团队（如可见）。")
    async def parent(self, info: Info) -> "TeamType | None":
        if self.parent_team_id is None:
            return None
        team = await info.context.loader(TeamByIdLoader).load(self.parent_team_id)
        return TeamType.from_row(team) if team else None

    @strawberry.field(description="Teams directly below this one that you may see. / 可见的直属下级团队。")
    async def sub_teams(self, info: Info) -> list["TeamType"]:
        return [TeamType.from_row(team) for team in await info.context.loader(SubTeamsByTeamLoader).load(self.id)]

    @strawberry.field(description="Agents of this team that you may see. / 本团队中你可见的坐席。")
    async def agents(self, info: Info) -> list["AgentType"] | None:
        return [AgentType.from_row(agent) for agent in await info.context.loader(AgentsByTeamLoader).load(self.id)]


@strawberry.type(name="Agent", description="A service agent. / 客服坐席。")
class AgentType:
    id: strawberry.ID = strawberry.field(description="Agent id. / 坐席 ID。")
    name: str | None = policy_field(description="Name. / 姓名。", mask=mask_name)
    email: str | None = policy_field(description="Work e-mail. / 工作邮箱。", mask=mask_email)
    hire_date: str | None = strawberry.field(description="Hire date, YYYY-MM-DD. / 入职日期。")
    active: bool | None = strawberry.field(description="Currently employed. / 是否在职。")
    team_id: strawberry.ID | None = strawberry.field(description="Current team id. / 当前团队 ID。")

    @classmethod
    def from_row(cls, agent: Agent) -> "AgentType":
        return cls(
            id=strawberry.ID(agent.agent_id),
            name=agent.name,
            email=agent.email,
            hire_date=agent.hire_date.isoformat() if agent.hire_date else None,
            active=agent.active,
            team_id=agent.team_id,
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("agent", self.id)

    @strawberry.field(description="The agent's current team, when visible to you. / 当前团队（如可见）。")
    async def team(self, info: Info) -> TeamType | None:
        if self.team_id is None:
            return None
        team = await info.context.loader(TeamByIdLoader).load(self.team_id)
        return TeamType.from_row(team) if team else None

    @strawberry.field(description="Conversations this agent was assigned, newest first. / 该坐席接待过的会话（新在前）。")
    async def conversations(self, info: Info, first: int | None = None) -> ConversationList | None:
        page = PageRequest.of(info.context.settings, first, None)
        summaries = await info.context.loader(RecentConversationsByAgentLoader).load((self.id, page.limit))
        return [conversation_types.ConversationType.from_summary(summary) for summary in summaries]


@strawberry.type(name="Customer", description="A customer; personal data is masked unless your role may see it. / 客户（个人信息按角色脱敏）。")
class CustomerType:
    id: strawberry.ID = strawberry.field(description="Customer id. / 客户 ID。")
    name: str | None = policy_field(description="Name. / 姓名。", mask=mask_name)
    phone: str | None = policy_field(description="Phone number. / 电话。", mask=mask_phone)
    email: str | None = policy_field(description="E-mail. / 邮箱。", mask=mask_email)

    @classmethod
    def from_row(cls, customer: Customer, personal: CustomerPersonal | None) -> "CustomerType":
        return cls(
            id=strawberry.ID(customer.customer_id),
            name=personal.name if personal else None,
            phone=personal.phone if personal else None,
            email=personal.email if personal else None,
        )

    @property
    def audit_subject(self) -> AuditSubject:
        return AuditSubject("customer", self.id)


@strawberry.type(description="A page of agents. / 坐席分页。")
class AgentConnection:
    total_count: int = strawberry.field(description="Agents matching, over all pages. / 匹配的坐席总数。")
    nodes: list[AgentType] = strawberry.field(description="This page. / 本页。")
    page_info: PageInfo = strawberry.field(description="Paging. / 分页信息。")


@strawberry.type(description="A page of customers. / 客户分页。")
class CustomerConnection:
    total_count: int = strawberry.field(description="Customers matching, over all pages. / 匹配的客户总数。")
    nodes: list[CustomerType] = strawberry.field(description="This page. / 本页。")
    page_info: PageInfo = strawberry.field(description="Paging. / 分页信息。")


@strawberry.input(description="Narrow the agent list. / 坐席筛选。")
class AgentFilterInput:
    team_id: strawberry.ID | None = strawberry.field(default=None, description="Only this team. / 仅该团队。")
    name_contains: str | None = strawberry.field(
        default=None, description="Name contains (needs full access to Agent.name). / 姓名包含（需可见姓名）。"
    )
    active: bool | None = strawberry.field(default=None, description="Only active or inactive. / 在职状态。")


@strawberry.enum(description="Order of the agent list. / 坐席排序。")
class AgentOrder(Enum):
    ID = "id"
    NAME = "name"


@strawberry.input(description="Narrow the customer list; personal-data filters need full access to that field. / 客户筛选（按个人信息筛选需有完整查看权限）。")
class CustomerFilterInput:
    name_contains: str | None = strawberry.field(default=None, description="Name contains. / 姓名包含。")
    phone: str | None = strawberry.field(default=None, description="Exact phone. / 电话（精确）。")
    email: str | None = strawberry.field(default=None, description="Exact e-mail, any case. / 邮箱（精确，不区分大小写）。")


@strawberry.enum(description="Order of the customer list. / 客户排序。")
class CustomerOrder(Enum):
    ID = "id"
    NAME = "name"
