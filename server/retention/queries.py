"""Query of data-subject requests: an agent's full export.

The export is a JSON document, not a typed object: it is handed to the person as a
file (a data-subject access request), self-describing and versioned by its own
``version`` member, and keyed by the ids of the event contract, so it reads the same
outside this API (docs/decisions.md, "Agent data export").
"""

from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_named_in_scope
from server.kernel.relay import from_global_id
from server.org.repository import AgentRepository
from server.retention.export import export_agent_data
from server.retention.export_policy import apply_field_policy


@strawberry.type
class RetentionQuery:
    @strawberry.field(
        description="Everything stored and derived about an agent, and who viewed it, as one JSON document to hand to the "
        "person (versioned by its `version` member; ids are those of the event contract; instants RFC 3339 with offset). "
        "Agents may export their own. Fields the reader may not read through the API are null and listed in `withheld`. "
        "/ 坐席的全部数据导出（含派生指标与查看记录），为一份可交给本人的 JSON 文档（以 `version` 标明版本；ID 为事件契约中的 ID；"
        "时间为带偏移的 RFC 3339）。坐席可导出本人数据。读者在 API 中无权读取的字段为空，并列于 `withheld`。"
    )
    async def agent_data_export(
        self,
        info: Info,
        agent_id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the agent. / 坐席的全局 ID。")],
    ) -> JSON:
        context = info.context
        key = from_global_id(agent_id, "Agent", field=("agentId",))
        await require_named_in_scope(context, "AgentExport", "agent", AgentRepository, key)
        document = apply_field_policy(
            await export_agent_data(context.session, key, settings=context.settings), context.authorization
        )
        context.audit.read("AgentExport", AuditSubject("agent", key), "Query.agentDataExport")
        return document
