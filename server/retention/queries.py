"""Query of data-subject requests: an agent's full export."""

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_named_in_scope
from server.org.repository import AgentRepository
from server.retention.export import export_agent_data
from server.retention.export_policy import apply_field_policy


@strawberry.type
class RetentionQuery:
    @strawberry.field(
        description="Everything stored and derived about an agent, and who viewed it (JSON). Agents may export their own. "
        "Fields the reader may not read through the API are null and listed in `withheld`. "
        "/ 坐席的全部数据导出（含派生指标与查看记录，JSON）。坐席可导出本人数据。读者在 API 中无权读取的字段为空，并列于 `withheld`。"
    )
    async def agent_data_export(self, info: Info, agent_id: strawberry.ID) -> JSON:
        context = info.context
        await require_named_in_scope(context, "AgentExport", "agent", AgentRepository, agent_id)
        document = apply_field_policy(
            await export_agent_data(context.session, agent_id, settings=context.settings), context.authorization
        )
        context.audit.read("AgentExport", AuditSubject("agent", agent_id), "Query.agentDataExport")
        return document
