"""GraphQL types of data-subject requests."""

import strawberry
from strawberry.types import Info

from server.retention.service import ErasureReport
from server.timefmt import format_instant


@strawberry.type(name="CustomerErasure", description="A customer's personal data, erased. / 已删除的客户个人数据。")
class CustomerErasureType:
    customer_id: strawberry.ID = strawberry.field(description="Customer id (kept; it is not personal). / 客户 ID。")
    personal_records_cleared: int = strawberry.field(description="Name/phone/e-mail records cleared. / 清除的个人信息记录数。")
    messages_cleared: int = strawberry.field(description="Customer messages whose text was removed. / 清除正文的客户消息数。")
    comments_cleared: int = strawberry.field(description="Feedback comments removed. / 清除的评价留言数。")
    raw_events_scrubbed: int = strawberry.field(description="Stored raw events rewritten without personal data. / 改写的原始事件数。")
    erased_at_us: strawberry.Private[int]

    @classmethod
    def of(cls, report: ErasureReport) -> "CustomerErasureType":
        return cls(
            customer_id=strawberry.ID(report.customer_id),
            personal_records_cleared=report.personal_records_cleared,
            messages_cleared=report.messages_cleared,
            comments_cleared=report.comments_cleared,
            raw_events_scrubbed=report.raw_events_scrubbed,
            erased_at_us=report.erased_at_us,
        )

    @strawberry.field(description="When the erasure was first requested (RFC 3339). / 首次删除时间。")
    def erased_at(self, info: Info) -> str:
        return format_instant(self.erased_at_us, info.context.settings.zone)
