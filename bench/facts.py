"""Child stage: bring the metric facts up to date after the import, as the first query would.

``compute_metrics`` starts with ``ensure_current``: when the import did not keep the
facts current (the stored event sequence moved past the facts'), that first query
rebuilds them. This stage runs that step alone, committed, so its time and memory
are measured apart from the dashboard query.
Run as ``python -m bench.facts --url URL --timezone ZONE --result OUT.json``.
"""

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from bench.memory import peak_rss_bytes
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.metrics.config import FactsConfig
from server.metrics.freshness import ensure_current
from server.metrics.repository import FactRepository
from server.metrics.state import read_state


async def bring_current(settings: Settings) -> dict[str, object]:
    """Seconds taken, and whether the facts had to be rebuilt."""
    engine = create_engine(settings)
    try:
        sessionmaker = create_sessionmaker(engine)
        async with sessionmaker() as session:
            before = await read_state(session)
            stale = not before.is_current(FactsConfig.from_settings(settings)) or (
                before.event_seq != await FactRepository(session).event_seq()
            )
            await session.rollback()
        started = time.perf_counter()
        async with transaction(sessionmaker) as session:
            await ensure_current(session, settings)
        return {"seconds": time.perf_counter() - started, "rebuilt": stale}
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--timezone", required=True)
    parser.add_argument("--result", required=True)
    arguments = parser.parse_args(argv)
    settings = Settings(database_url=arguments.url, timezone=arguments.timezone, demo=False)
    result = {**asyncio.run(bring_current(settings)), "peak_rss_bytes": peak_rss_bytes()}
    Path(arguments.result).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
