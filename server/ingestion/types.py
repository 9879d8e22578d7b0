"""GraphQL types of event ingestion: the input, payload and per-event results of ``ingestEvents``."""

from enum import Enum

import strawberry
from strawberry.scalars import JSON

from server.ingestion.codes import REJECTION_MEANINGS, RejectionCode
from server.ingestion.outcomes import EventStatus, ItemOutcome
from server.kernel.payloads import Payload


@strawberry.enum(name="IngestStatus", description="What happened to one event. / 单个事件的处理结果。")
class IngestStatus(Enum):
    ACCEPTED = strawberry.enum_value("accepted", description="Stored: a new event id. / 已接收：新的事件 ID。")
    DUPLICATE = strawberry.enum_value(
        "duplicate", description="Same id and same content as one already received; nothing changed. / 重复：ID 与内容均已存在，无变化。"
    )
    CONFLICT = strawberry.enum_value(
        "conflict",
        description="Same id as a stored event but different content; the first version is kept. / 冲突：ID 已存在但内容不同，保留最先收到的版本。",
    )
    REJECTED = strawberry.enum_value(
        "rejected", description="Does not satisfy the event contract; see errors. Nothing stored. / 已拒绝：不符合事件格式，详见 errors，未存储。"
    )


@strawberry.enum(name="IngestErrorCode", description="Why an event was rejected. / 事件被拒绝的原因。")
class IngestErrorCode(Enum):
    INVALID_UTF8 = strawberry.enum_value(RejectionCode.INVALID_UTF8.value, description=REJECTION_MEANINGS[RejectionCode.INVALID_UTF8].bilingual)
    INVALID_JSON = strawberry.enum_value(RejectionCode.INVALID_JSON.value, description=REJECTION_MEANINGS[RejectionCode.INVALID_JSON].bilingual)
    DUPLICATE_MEMBER = strawberry.enum_value(RejectionCode.DUPLICATE_MEMBER.value, description=REJECTION_MEANINGS[RejectionCode.DUPLICATE_MEMBER].bilingual)
    NOT_AN_OBJECT = strawberry.enum_value(RejectionCode.NOT_AN_OBJECT.value, description=REJECTION_MEANINGS[RejectionCode.NOT_AN_OBJECT].bilingual)
    MISSING = strawberry.enum_value(RejectionCode.MISSING.value, description=REJECTION_MEANINGS[RejectionCode.MISSING].bilingual)
    WRONG_TYPE = strawberry.enum_value(RejectionCode.WRONG_TYPE.value, description=REJECTION_MEANINGS[RejectionCode.WRONG_TYPE].bilingual)
    OUT_OF_RANGE = strawberry.enum_value(RejectionCode.OUT_OF_RANGE.value, description=REJECTION_MEANINGS[RejectionCode.OUT_OF_RANGE].bilingual)
    INVALID_VALUE = strawberry.enum_value(RejectionCode.INVALID_VALUE.value, description=REJECTION_MEANINGS[RejectionCode.INVALID_VALUE].bilingual)
    UNKNOWN_TYPE = strawberry.enum_value(RejectionCode.UNKNOWN_TYPE.value, description=REJECTION_MEANINGS[RejectionCode.UNKNOWN_TYPE].bilingual)
    INVALID_TIMESTAMP = strawberry.enum_value(RejectionCode.INVALID_TIMESTAMP.value, description=REJECTION_MEANINGS[RejectionCode.INVALID_TIMESTAMP].bilingual)
    TIMESTAMP_WITHOUT_OFFSET = strawberry.enum_value(RejectionCode.TIMESTAMP_WITHOUT_OFFSET.value, description=REJECTION_MEANINGS[RejectionCode.TIMESTAMP_WITHOUT_OFFSET].bilingual)
    TIMESTAMP_IN_FUTURE = strawberry.enum_value(RejectionCode.TIMESTAMP_IN_FUTURE.value, description=REJECTION_MEANINGS[RejectionCode.TIMESTAMP_IN_FUTURE].bilingual)


@strawberry.type(name="IngestError", description="One reason an event was rejected. / 事件被拒绝的一个原因。")
class IngestError:
    field: str | None = strawberry.field(
        description="The offending field; null when the whole event is unreadable. / 出错的字段；整条事件无法读取时为 null。"
    )
    code: IngestErrorCode = strawberry.field(description="Stable reason code. / 稳定的原因代码。")
    message: str = strawberry.field(description="Explanation in English. / 英文说明。")


@strawberry.type(name="IngestEventResult", description="The outcome of one submitted event. / 单个提交事件的结果。")
class IngestEventResult:
    index: int = strawberry.field(description="0-based position in the submitted list. / 在提交列表中的位置（从 0 开始）。")
    id: str | None = strawberry.field(description="The event id, when the event had one. / 事件 ID（若有）。")
    status: IngestStatus = strawberry.field(description="What happened to the event. / 处理结果。")
    errors: list[IngestError] = strawberry.field(
        description="Every reason for a rejection; empty otherwise. / 拒绝的全部原因；未拒绝时为空。"
    )


@strawberry.type(name="IngestResult", description="Counts and per-event outcomes of one ingest call. / 一次提交的统计与逐条结果。")
class IngestResult:
    accepted: int = strawberry.field(description="Events newly stored. / 新接收的事件数。")
    duplicates: int = strawberry.field(description="Events already stored with the same content. / 重复事件数。")
    conflicts: int = strawberry.field(description="Known ids with different content (first version kept). / 冲突事件数。")
    rejected: int = strawberry.field(description="Events that do not satisfy the contract. / 被拒绝的事件数。")
    results: list[IngestEventResult] = strawberry.field(
        description="One result per submitted event, in input order. / 每个提交事件一条结果，与输入顺序一致。"
    )

    @classmethod
    def from_outcomes(cls, outcomes: list[ItemOutcome]) -> "IngestResult":
        statuses = [outcome.status for outcome in outcomes]
        return cls(
            accepted=statuses.count(EventStatus.ACCEPTED),
            duplicates=statuses.count(EventStatus.DUPLICATE),
            conflicts=statuses.count(EventStatus.CONFLICT),
            rejected=statuses.count(EventStatus.REJECTED),
            results=[
                IngestEventResult(
                    index=outcome.position,
                    id=outcome.id,
                    status=IngestStatus[outcome.status.name],
                    errors=[IngestError(field=error.field, code=IngestErrorCode[error.code.name], message=error.message) for error in outcome.errors],
                )
                for outcome in outcomes
            ],
        )


@strawberry.input(description="Events to ingest. / 要提交的事件。")
class IngestEventsInput:
    events: list[JSON] = strawberry.field(
        description="Event objects as in the import files (events.md), one per event. / 事件对象列表（格式同导入文件，见 events.md）。"
    )


@strawberry.type(
    description="The result of `ingestEvents`: each event's outcome in `result`; `userErrors` when the call as a whole "
    "was refused (too many events), and then nothing was stored. / `ingestEvents` 的结果：逐条结果见 `result`；"
    "整个调用被拒绝（如事件过多）时见 `userErrors`，此时未存储任何事件。"
)
class IngestEventsPayload(Payload):
    result: IngestResult | None = strawberry.field(
        default=None, description="Counts and per-event outcomes; null when refused. / 统计与逐条结果；被拒绝时为空。"
    )
