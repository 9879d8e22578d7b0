"""What this deployment is: version, time zone, demo flag, data watermark."""

from datetime import datetime
from importlib.metadata import PackageNotFoundError, version

import strawberry
from strawberry.types import Info

from server.ingestion.repository import EventRepository
from server.metrics.freshness_types import FactsFreshnessType, read_freshness
from server.timefmt import from_us


def package_version() -> str:
    try:
        return version("coachloop")
    except PackageNotFoundError:
        return "0.0.0"


@strawberry.type(description="This deployment of coachloop. / 本部署的基本信息。")
class ServiceInfo:
    version: str = strawberry.field(description="Package version of the server. / 服务端版本号。")
    timezone: str = strawberry.field(
        description="The organisation's IANA time zone (`Asia/Shanghai`): every hour/day/week/month bucket, every `Date`, "
        "and the offset of every `DateTime` returned. / 组织的 IANA 时区（如 `Asia/Shanghai`）：用于统计分桶、`Date` 及返回的 `DateTime` 偏移。"
    )
    demo: bool = strawberry.field(description="True when demo data is loaded at start. / 启动时是否加载演示数据。")
    watermark: datetime | None = strawberry.field(
        description="Greatest event timestamp accepted so far, null before the first event. / 已接收事件的最大时间戳（尚无事件时为空）。"
    )
    facts: FactsFreshnessType = strawberry.field(
        description="How current the metric figures are; says when a bulk import is in progress. / 指标数据的时效（含批量导入进行中提示）。"
    )


@strawberry.type
class ServiceInfoQuery:
    @strawberry.field(description="Facts about this deployment. / 本部署的基本信息。")
    async def service_info(self, info: Info) -> ServiceInfo:
        context = info.context
        watermark_us = await EventRepository(context.session).watermark_us()
        return ServiceInfo(
            version=package_version(),
            timezone=context.settings.timezone,
            demo=context.settings.demo,
            watermark=None if watermark_us is None else from_us(watermark_us, context.settings.zone),
            facts=await read_freshness(context.session, context.settings.zone),
        )
