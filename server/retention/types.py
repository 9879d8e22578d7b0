"""GraphQL types of data-subject requests: a customer's erasure, its input and payload."""

from datetime import datetime
from zoneinfo import ZoneInfo

import strawberry

from server.kernel.payloads import Payload
from server.kernel.relay import to_global_id
from server.retention.service import ErasureReport
from server.timefmt import from_us


@strawberry.type(
    name="CustomerErasure",
    description="What one erasure cleared (counts of this call; a repeated erasure clears what a re-import brought back). "
    "Not a stored record: only the erasure's time is kept. / 一次删除清除的内容（本次调用的计数；重复删除会清除重新导入带回的数据）。"
    "不是持久记录：仅保存删除时间。",
)
class CustomerErasureType:
    customer_id: strawberry.ID = strawberry.field(
        description="Global id of the customer (kept: the id is not personal). / 客户的全局 ID（保留：ID 不属于个人信息）。"
    )
    personal_records_cleared: int = strawberry.field(
        description="Name/phone/e-mail records cleared. / 清除的个人信息记录数。"
    )
    messages_cleared: int = strawberry.field(description="Customer messages whose text was removed. / 清除正文的客户消息数。")
    comments_cleared: int = strawberry.field(description="Feedback comments removed. / 清除的评价留言数。")
    raw_events_scrubbed: int = strawberry.field(
        description="Stored raw events rewritten without personal data. / 改写为不含个人信息的原始事件数。"
    )
    erased_at: datetime = strawberry.field(
        description="When the customer was first erased (a repeated erasure keeps it). / 首次删除的时间（重复删除不变）。"
    )

    @classmethod
    def of(cls, report: ErasureReport, zone: ZoneInfo) -> "CustomerErasureType":
        return cls(
            customer_id=to_global_id("Customer", report.customer_id),
            personal_records_cleared=report.personal_records_cleared,
            messages_cleared=report.messages_cleared,
            comments_cleared=report.comments_cleared,
            raw_events_scrubbed=report.raw_events_scrubbed,
            erased_at=from_us(report.erased_at_us, zone),
        )


@strawberry.input(description="Whose personal data to erase. / 要删除其个人数据的客户。")
class EraseCustomerInput:
    customer_id: strawberry.ID = strawberry.field(
        description="Global id of the customer (a customer known only from conversations may be erased too). "
        "/ 客户的全局 ID（仅在会话中出现过的客户也可删除）。"
    )


@strawberry.type(description="The result of `eraseCustomer`. / `eraseCustomer` 的结果。")
class EraseCustomerPayload(Payload):
    erasure: CustomerErasureType | None = strawberry.field(
        default=None, description="What was erased; null when refused. / 删除结果；被拒绝时为空。"
    )
