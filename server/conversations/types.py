"""GraphQL types of conversations and messages."""

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.conversations.loaders import (
    ConversationByIdLoader,
    ConversationCountByAgentLoader,
    ConversationPageByAgentLoader,
    MessageCountByConversationLoader,
    MessagePageByConversationLoader,
)
from server.conversations.summary import ConversationSummary
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection, Node, to_global_id
from server.org import types as org_types
from server.org.loaders import AgentByIdLoader, CustomerByIdLoader
from server.timefmt import from_us

if TYPE_CHECKING:
    from server.org.types import AgentType, CustomerType

LazyAgent = Annotated["AgentType", strawberry.lazy("server.org.types")]
LazyCustomer = Annotated["CustomerType", strawberry.lazy("server.org.types")]

EXTERNAL_ID = "Id in the event contract. / 事件契约中的 ID。"


@strawberry.enum(description="Who started a conversation. / 会话发起方向。")
class ConversationDirection(Enum):
    INBOUND = strawberry.enum_value("inbound", description="The customer contacted the service. / 客户发起（呼入）。")
    OUTBOUND = strawberry.enum_value("outbound", description="The service contacted the customer. / 客服发起（呼出）。")


@strawberry.enum(description="How a conversation ended. / 会话结束结果。")
class ConversationResolution(Enum):
    RESOLVED = strawberry.enum_value("resolved", description="The customer's matter was settled. / 问题已解决。")
    UNRESOLVED = strawberry.enum_value("unresolved", description="Ended without settling it. / 结束但未解决。")
    ABANDONED = strawberry.enum_value(
        "abandoned", description="The customer left before being served. / 客户在接待前离开。"
    )


@strawberry.enum(description="Who sent a message. / 消息发送方。")
class MessageSender(Enum):
    CUSTOMER = strawberry.enum_value("customer", description="The customer. / 客户。")
    AGENT = strawberry.enum_value("agent", description="A service agent. / 客服坐席。")
    BOT = strawberry.enum_value("bot", description="The chat bot. / 机器人。")
    SYSTEM = strawberry.enum_value("system", description="The system (notices, transfers). / 系统（通知、转接等）。")


@strawberry.type(name="Message", description="One message of a conversation. / 会话中的一条消息。")
class MessageType(Node):
    external_id: strawberry.ID = strawberry.field(description="Event id of the message. / 消息事件 ID。")
    sender: MessageSender = strawberry.field(description="Who sent it. / 发送方。")
    text: str | None = strawberry.field(description="Message text. / 消息内容。")
    sent_at: datetime = strawberry.field(description="When it was sent. / 发送时间。")
    agent_key: strawberry.Private[str | None]
    subject_agent_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, message: Any, conversation_agent_id: str | None, zone: Any) -> "MessageType":
        """``message``: a Message or a row with its columns; ``conversation_agent_id`` names the audit subject."""
        return cls(
            id=to_global_id("Message", message.event_id),
            external_id=strawberry.ID(message.event_id),
            sender=MessageSender(message.sender),
            text=message.text,
            sent_at=from_us(message.ts_us, zone),
            agent_key=message.agent_id,
            subject_agent_id=message.agent_id or conversation_agent_id,
        )

    @property
    def audit_subject(self) -> AuditSubject | None:
        return AuditSubject("agent", self.subject_agent_id) if self.subject_agent_id else None

    @strawberry.field(description="Global id of the sending agent, for agent messages. / 发送坐席的全局 ID（坐席消息）。")
    def agent_id(self) -> strawberry.ID | None:
        return to_global_id("Agent", self.agent_key) if self.agent_key is not None else None


@strawberry.type(name="Conversation", description="A customer conversation. / 一次客户会话。")
class ConversationType(Node):
    external_id: strawberry.ID = strawberry.field(description=EXTERNAL_ID)
    channel: str | None = strawberry.field(
        description="Channel, normalised text (an open set: new channels need no schema change). / 渠道（规范化文本，开放集合）。"
    )
    category: str | None = strawberry.field(
        description="Current category, normalised text (an open set). / 当前分类（规范化文本，开放集合）。"
    )
    direction: ConversationDirection | None = strawberry.field(description="Inbound or outbound. / 呼入或呼出。")
    resolution: ConversationResolution | None = strawberry.field(
        description="How it ended; null while open, or when credited to an agent or team not yours. "
        "/ 结束结果（未结束或归属他人时为空）。"
    )
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
            id=to_global_id("Conversation", summary.conversation_id),
            external_id=strawberry.ID(summary.conversation_id),
            channel=summary.channel,
            category=summary.category,
            direction=ConversationDirection(summary.direction) if summary.direction else None,
            resolution=ConversationResolution(summary.resolution) if summary.resolution else None,
            csat=summary.csat,
            nps=summary.nps,
            summary=summary,
        )

    @property
    def audit_subject(self) -> AuditSubject | None:
        return AuditSubject("agent", self.summary.agent_id) if self.summary.agent_id else None

    @strawberry.field(description="Global id of the final agent. / 最终坐席的全局 ID。")
    def agent_id(self) -> strawberry.ID | None:
        agent_id = self.summary.agent_id
        return to_global_id("Agent", agent_id) if agent_id is not None else None

    @strawberry.field(description="Global id of the customer. / 客户的全局 ID。")
    def customer_id(self) -> strawberry.ID | None:
        customer_id = self.summary.customer_id
        return to_global_id("Customer", customer_id) if customer_id is not None else None

    @strawberry.field(description="When it started. / 开始时间。")
    def started_at(self, info: Info) -> datetime:
        return from_us(self.summary.started_us, info.context.settings.zone)

    @strawberry.field(description="When it ended; null while open. / 结束时间（未结束为空）。")
    def ended_at(self, info: Info) -> datetime | None:
        ended_us = self.summary.ended_us
        return None if ended_us is None else from_us(ended_us, info.context.settings.zone)

    @strawberry.field(description="The final agent, when visible to you. / 最终坐席（如可见）。")
    async def agent(self, info: Info) -> LazyAgent | None:
        if self.summary.agent_id is None:
            return None
        agent = await info.context.loader(AgentByIdLoader).load(self.summary.agent_id)
        return org_types.AgentType.from_row(agent) if agent else None

    @strawberry.field(description="The customer, personal data masked by policy. / 客户（个人信息按策略脱敏）。")
    async def customer(self, info: Info) -> LazyCustomer | None:
        if self.summary.customer_id is None:
            return None
        row = await info.context.loader(CustomerByIdLoader).load(self.summary.customer_id)
        return org_types.CustomerType.from_row(*row) if row else None

    @strawberry.field(
        description="Messages in timeline order; an agent reads its own, the customer's and the bot's, not other agents'. "
        "/ 按时间顺序的消息；坐席可见本人、客户与机器人的消息，不含其他坐席的消息。"
    )
    async def messages(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection[MessageType] | None:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        key = self.summary.conversation_id
        rows = await context.loader(MessagePageByConversationLoader).load((key, args))
        page = Page.of(args, rows, sort_key=lambda row: (row.ts_us, row.event_id))
        zone = context.settings.zone

        async def to_nodes(found: list[Any]) -> list[MessageType | None]:
            return [MessageType.from_row(row, self.summary.agent_id, zone) for row in found]

        async def count() -> int:
            return await context.loader(MessageCountByConversationLoader).load(key)

        return await page.connection(to_nodes, count)


async def conversation_nodes(info: Info, rows: list[Any]) -> list[ConversationType | None]:
    """Conversations of ``(conversation_id, …)`` rows, in order, through the scoped loader (None where hidden)."""
    summaries = await info.context.loader(ConversationByIdLoader).load_many([row.conversation_id for row in rows])
    return [ConversationType.from_summary(summary) if summary is not None else None for summary in summaries]


def conversation_sort_key(row: Any) -> tuple[int, str]:
    """A ``(conversation_id, started_us)`` row's values in the conversation order."""
    return (row.started_us, row.conversation_id)


async def conversations_of_agent(info: Info, agent_id: str, args: PageArgs) -> Connection[ConversationType]:
    """``Agent.conversations``: one page of the readable conversations ``agent_id`` was assigned, newest first."""
    context = info.context
    rows = await context.loader(ConversationPageByAgentLoader).load((agent_id, args))
    page = Page.of(args, rows, sort_key=conversation_sort_key)

    async def count() -> int:
        return await context.loader(ConversationCountByAgentLoader).load(agent_id)

    return await page.connection(lambda found: conversation_nodes(info, found), count)


@strawberry.input(description="Narrow the conversation list. / 会话筛选。")
class ConversationFilterInput:
    agent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Assigned to this agent (global id). / 接待坐席（全局 ID）。"
    )
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Handled by an agent now in this team (global id). / 接待坐席当前所属团队（全局 ID）。"
    )
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="This customer (global id). / 客户（全局 ID）。"
    )
    channel: str | None = strawberry.field(default=None, description="Channel, exact. / 渠道（精确匹配）。")
    started_from: datetime | None = strawberry.field(default=None, description="Started at or after. / 开始时间下限（含）。")
    started_to: datetime | None = strawberry.field(default=None, description="Started before. / 开始时间上限（不含）。")
    search: str | None = strawberry.field(
        default=None, description="Message text contains (needs Message.text). / 消息内容包含（需可见消息内容）。"
    )


@strawberry.enum(description="Order of the conversation list. / 会话排序。")
class ConversationOrder(Enum):
    NEWEST_FIRST = strawberry.enum_value(
        "newest_first", description="Latest start first, then id. / 按开始时间从新到旧，再按 ID。"
    )
    OLDEST_FIRST = strawberry.enum_value(
        "oldest_first", description="Earliest start first, then id. / 按开始时间从旧到新，再按 ID。"
    )
