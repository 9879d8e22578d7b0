"""GraphQL mutation ``ingestEvents``: the same events as the import files, up to 1000 per call."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.errors import BadUserInput
from server.ingestion.service import ingest_batch
from server.ingestion.types import IngestEventsInput, IngestEventsPayload, IngestResult
from server.kernel.payloads import payload_mutation

MAX_EVENTS_PER_CALL = 1000


@strawberry.type
class IngestionMutation:
    @strawberry.mutation(
        description=(
            f"Ingest up to {MAX_EVENTS_PER_CALL} events (spec: events.md). Each event is accepted, a duplicate, "
            "a conflict or rejected on its own; results come back in input order. A timestamp without offset is "
            f"rejected. More than {MAX_EVENTS_PER_CALL} events: a userError, nothing stored. / "
            f"提交最多 {MAX_EVENTS_PER_CALL} 个事件（格式见 events.md）。每个事件独立判定为接收、重复、冲突或拒绝，"
            f"结果与输入顺序一致。缺少时区偏移的时间戳会被拒绝。超过 {MAX_EVENTS_PER_CALL} 个时返回 userErrors，不存储任何事件。"
        )
    )
    @payload_mutation
    async def ingest_events(
        self,
        info: Info,
        input: Annotated[IngestEventsInput, strawberry.argument(description="The events. / 事件。")],
    ) -> IngestEventsPayload:
        events = input.events
        if len(events) > MAX_EVENTS_PER_CALL:
            raise BadUserInput(
                f"at most {MAX_EVENTS_PER_CALL} events per call, got {len(events)}; split the batch",
                field=("events",),
                message_zh=f"每次最多 {MAX_EVENTS_PER_CALL} 个事件，实际 {len(events)} 个，请分批提交",
                details={"maximum": MAX_EVENTS_PER_CALL, "received": len(events)},
            )
        outcomes = await ingest_batch(info.context.session, events)
        return IngestEventsPayload(result=IngestResult.from_outcomes(outcomes))
