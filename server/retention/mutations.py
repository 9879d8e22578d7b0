"""Mutation of data-subject requests: erase a customer's personal data."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.errors import NotFound
from server.kernel.payloads import payload_mutation
from server.kernel.relay import from_global_id
from server.org.repository import customer_exists
from server.retention.repository import RetentionRepository
from server.retention.service import erase_customer
from server.retention.types import CustomerErasureType, EraseCustomerInput, EraseCustomerPayload
from server.timefmt import now_us


@strawberry.type
class RetentionMutation:
    @strawberry.mutation(
        description="Erase a customer's name, phone, e-mail and what they wrote; a later re-import does not bring it back. "
        "Metrics are unchanged. Audited. / 删除客户的姓名、电话、邮箱及其发送的内容；之后重新导入也不会恢复。指标不变。留审计记录。"
    )
    @payload_mutation
    async def erase_customer(
        self, info: Info, input: Annotated[EraseCustomerInput, strawberry.argument(description="Whom to erase. / 删除对象。")]
    ) -> EraseCustomerPayload:
        context = info.context
        await require_rows(context, "Customer", "erase")
        customer_id = from_global_id(input.customer_id, "Customer", field=("customerId",))
        known = await customer_exists(context.session, customer_id)
        if not known and not await RetentionRepository(context.session).conversations_of({customer_id}):
            raise NotFound(f"customer {customer_id} is not known", field=("customerId",), message_zh=f"客户 {customer_id} 不存在")
        report = await erase_customer(
            context.session, customer_id, principal=context.principal, request_id=context.request_id, now_us=now_us()
        )
        return EraseCustomerPayload(erasure=CustomerErasureType.of(report, context.settings.zone))
