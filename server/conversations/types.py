"""GraphQL types of conversations and messages."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.conversations.loaders import MessagesByConversationLoader
from server.conversations.models import Message
from server.conversations.summary import ConversationSummary
from server.org import types as org_types
from server.org.loaders import AgentByIdLoader, CustomerByIdLoader
from server.pagination import PageInfo
from server.timefmt import format_instant

if TYPE_CHECKING:
    from server.org.types import AgentType, CustomerType

LazyAgent = Annotated["AgentType", strawberry.lazy("server.org.types")]
LazyCustomer = Annotated["CustomerType", strawberry.lazy("server.org.types")]


@strawberry.type(name="Message", description="One message of a conversation. / 会话中的一条消息。")
class MessageType:
    id: strawberry.ID = strawberry.field(description="Event id of the message. / 消息事件 ID。")
    sender: str = strawberry.field(description="customer, agent, bot or system. / 发送方。")
    agent_id: strawberry.ID | None = strawberry.field(description="Sending agent, for agent messages. / 发送坐席。")
    text: str | None = strawberry.field(description="Message text. / 消息内容。")
    sent_at_us: strawberry.Private[int]
    subject_agent_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, message: Message, conversation_agent_id: str | None) -> "MessageType":
        return cls(
            id=strawberry.ID(message.event_id),
            sender=message.sender,
            agent_id=message.agent_id,
            text=message.text,
            sent_at_us=message.ts_us,
            subject_agent_id=message.agent_id or conversation_agent_id,
        )

    @property
    def audit_subject(self) -> AuditSubject | None:
        return AuditSubject("agent", self.subject_agent_id) if self.subject_agent_id else None

    @strawberry.field(description="When it was sent (RFC 3339). / 发送时间。")
    def sent_at(self, info: Info) -> str:
        return format_instant(self.sent_at_us, info.context.settings.zone)


@strawberry.type(name="Conversation", description="A customer conversation. / 一次客户会话。")
class ConversationType:
    id: strawberry.ID = strawberry.field(description="Conversation id. / 会话 ID。")
    channel: str | None = strawberry.field(description="Channel, normalised. / 渠道。")
    category: str | None = strawberry.field(description="Current category. / 当前分类。")
    direction: str | None = strawberry.field(description="inbound or outbound. / 呼入或呼出。")
    resolution: str | None = strawberry.field(
        description="resolved, unresolved, abandoned; null while open, or when credited to an agent or team not yours. "
        "/ 结果（未结束或归属他人时为空）。"
    )
    agent_id: strawberry.ID | None = strawberry.field(description="Final agent. / 最终坐席。")
    customer_id: strawberry.ID | None = strawberry.field(description="Customer id. / 客户 ID。")
    csat: int | None = strawberry.field(
        description="Latest CSAT (1–5); null when credited to an agent or team not yours. / 最新满意度评分（归属他人时为空）。"
    )
    nps: int | None = strawberry.field(
        description="Latest NPS answer (0–10); null when credited to an agent or team not yours. / 最新 NPS 评分（归属他人时为空）。"
    )
    summary: strawberry.Private[ConversationSummary]

    @classmethod
    def from_summary(cls, summary: ConversationSummary) -> "ConversationType":
        return cls(
            id=strawberry.ID(summary.conversation_id),
            channel=summary.channel,
            category=summary.category,
            direction=summary.direction,
            resolution=summary.resolution,
            agent_id=summary.agent_id,
            customer_id=summary.customer_id,
            csat=summary.csat,
            nps=summary.nps,
            summary=summary,
        )

    @property
    def audit_subject(self) -> AuditSubject | None:
        return AuditSubject("agent", self.agent_id) if self.agent_id else None

    @strawberry.field(description="Start (RFC 3339). / 开始时间。")
    def started_at(self, info: Info) -> str | None:
        return format_instant(self.summary.started_us, info.context.settings.zone)

    @strawberry.field(description="End (RFC 3339); null while open. / 结束时间（未结束为空）。")
    def ended_at(self, info: Info) -> str | None:
        ended_us = self.summary.ended_us
        return None if ended_us is None else format_instant(ended_us, info.context.settings.zone)

    @strawberry.field(description="The final agent, when visible to you. / 最终坐席（如可见）。")
    async def agent(self, info: Info) -> LazyAgent | None:
        if self.agent_id is None:
            return None
        agent = await info.context.loader(AgentByIdLoader).load(self.agent_id)
        return org_types.AgentType.from_row(agent) if agent else None

    @strawberry.field(description="The customer, personal data masked by policy. / 客户（个人信息按策略脱敏）。")
    async def customer(self, info: Info) -> LazyCustomer | None:
        if self.customer_id is None:
            return None
        row = await info.context.loader(CustomerByIdLoader).load(self.customer_id)
        return org_types.CustomerType.from_row(*row) if row else None

    @strawberry.field(
        description="Messages in timeline order; an agent reads its own, the customer's and the bot's, not other agents'. "
        "/ 按时间顺序的消息；坐席可见本人、客户与机器人的消息，不含其他坐席的消息。"
    )
    async def messages(self, info: Info) -> list[MessageType] | None:
        messages = await info.context.loader(MessagesByConversationLoader).load(self.id)
        return [MessageType.from_row(message, self.agent_id) for message in messages]


@strawberry.type(description="A page of conversations. / 会话分页。")
class ConversationConnection:
    total_count: int = strawberry.field(description="Conversations matching, over all pages. / 匹配的会话总数。")
    nodes: list[ConversationType] = strawberry.field(description="This page. / 本页。")
    page_info: PageInfo = strawberry.field(description="Paging. / 分页信息。")


@strawberry.input(description="Narrow the conversation list. / 会话筛选。")
class ConversationFilterInput:
    agent_id: strawberry.ID | None = strawberry.field(default=None, description="Assigned to this agent. / 接待坐席。")
    team_id: strawberry.ID | None = strawberry.field(default=None, description="Handled by this team. / 接待团队。")
    customer_id: strawberry.ID | None = strawberry.field(default=None, description="This customer. / 客户。")
    channel: str | None = strawberry.field(default=None, description="Channel. / 渠道。")
    started_from: str | None = strawberry.field(
        default=None, description="Started at or after (RFC 3339 with offset). / 开始时间下限（含）。"
    )
    started_to: str | None = strawberry.field(
        default=None, description="Started before (RFC 3339 with offset). / 开始时间上限（不含）。"
    )
    search: str | None = strawberry.field(
        default=None, description="Message text contains (needs Message.text). / 消息内容包含（需可见消息内容）。"
    )


@strawberry.enum(description="Order of the conversation list. / 会话排序。")
class ConversationOrder(Enum):
    NEWEST_FIRST = "newest_first"
    OLDEST_FIRST = "oldest_first"
