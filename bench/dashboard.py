"""Child stage: the dashboard query, all KPIs by team × day over a 30-day range, repeated.

The query is ``compute_metrics`` (what GraphQL and the CLI call), each run in a
session of its own like a request; one warm-up, then ``--repeat`` timed runs.
Run as ``python -m bench.dashboard --url URL --timezone ZONE --from D --to D --repeat K --result OUT.json``.
"""

import argparse
import asyncio
import json
import sys
import time
from datetime import date
from pathlib import Path

from bench.memory import peak_rss_bytes
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.metrics.query import compute_metrics
from server.metrics.request import MetricRow, MetricsRequest

GROUPING = ("team", "day")


def dashboard_request(from_day: date, to_day: date) -> MetricsRequest:
    """All metric keys by team and day, ``from_day`` inclusive to ``to_day`` exclusive."""
    return MetricsRequest.of(from_=from_day, to=to_day, group_by=GROUPING)


async def run_dashboard(settings: Settings, request: MetricsRequest, repeat: int) -> tuple[list[float], list[MetricRow]]:
    """Milliseconds of each timed run, and the rows of the last one."""
    engine = create_engine(settings)
    try:
        sessionmaker = create_sessionmaker(engine)
        timings: list[float] = []
        rows: list[MetricRow] = []
        for run in range(repeat + 1):
            started = time.perf_counter()
            async with sessionmaker() as session:
                rows = await compute_metrics(session, request, settings=settings)
                await session.rollback()
            if run > 0:
                timings.append((time.perf_counter() - started) * 1000)
        return timings, rows
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--timezone", required=True)
    parser.add_argument("--from", dest="from_day", type=date.fromisoformat, required=True)
    parser.add_argument("--to", dest="to_day", type=date.fromisoformat, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--result", required=True)
    arguments = parser.parse_args(argv)
    settings = Settings(database_url=arguments.url, timezone=arguments.timezone, demo=False)
    request = dashboard_request(arguments.from_day, arguments.to_day)
    timings, rows = asyncio.run(run_dashboard(settings, request, arguments.repeat))
    result = {"milliseconds": timings, "rows": [row.record() for row in rows], "peak_rss_bytes": peak_rss_bytes()}
    Path(arguments.result).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
