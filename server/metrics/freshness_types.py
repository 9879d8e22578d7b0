"""``FactsFreshness``: how current the metric figures are, shown beside every metrics answer and in ``serviceInfo``."""

from datetime import datetime
from zoneinfo import ZoneInfo

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession

from server.metrics.freshness import facts_freshness
from server.metrics.state import read_state
from server.timefmt import from_us


@strawberry.type(
    name="FactsFreshness",
    description="How current the metric figures are. While a bulk import is in progress the figures leave out what it "
    "stored so far, until its catch-up; a dashboard should say so. / 指标数据的时效：批量导入进行中时，数据暂不包含"
    "该导入已写入的事件，直至其收尾汇总完成；看板应提示这一点。",
)
class FactsFreshnessType:
    as_of: datetime | None = strawberry.field(
        description="Greatest event timestamp the figures were computed at, null when empty. / "
        "数据所依据的最大事件时间戳；无数据时为空。"
    )
    current: bool = strawberry.field(
        description="The figures include every stored event. / 数据已包含全部已存储事件。"
    )
    import_in_progress: bool = strawberry.field(
        description="A bulk import holds the figures: they are as of before it, until it finishes. / "
        "批量导入进行中：数据停留在导入开始前，导入完成后更新。"
    )
    import_started_at: datetime | None = strawberry.field(
        description="When that import started holding the figures; null without one. / 该导入开始的时间；无导入时为空。"
    )
    pending_events: int = strawberry.field(
        description="Stored events not yet in the figures. / 已存储但尚未计入数据的事件数。"
    )


async def read_freshness(session: AsyncSession, zone: ZoneInfo) -> FactsFreshnessType:
    """The freshness of the facts as stored now (no rebuild)."""
    freshness = await facts_freshness(session, await read_state(session))
    return FactsFreshnessType(
        as_of=None if freshness.as_of_us is None else from_us(freshness.as_of_us, zone),
        current=freshness.current,
        import_in_progress=freshness.import_in_progress,
        import_started_at=None if freshness.import_since_us is None else from_us(freshness.import_since_us, zone),
        pending_events=freshness.pending_events,
    )
