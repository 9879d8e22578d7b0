"""``serviceInfo``: the deployment's zone, and the data watermark as an instant in that zone."""

from pathlib import Path

from tests.authz.world import open_world

QUERY = "{ serviceInfo { timezone demo watermark } }"


async def test_the_watermark_is_the_latest_event_instant_in_the_organisations_zone(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        result = await api.execute(QUERY, role="agent")
    finally:
        await engine.dispose()
    assert result.errors is None
    # the seeded world's latest event is cv6's end, 2026-03-03T12:10:00+08:00
    assert result.data == {"serviceInfo": {"timezone": "Asia/Shanghai", "demo": False, "watermark": "2026-03-03T12:10:00+08:00"}}
