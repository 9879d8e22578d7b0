"""Child stage: the baseline import, a plain executemany of the same events into a bare table.

One row per event (id, type, ts, payload as the JSON line), no index, no key, no
validation beyond ``json.loads``; the same engine, driver and connection set-up as
coachloop (``server.db.create_engine``), one transaction per batch of the same size.
Run as ``python -m bench.bare_insert FILE --url URL --batch-size N --result OUT.json``.
"""

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.memory import peak_rss_bytes
from server.config import Settings
from server.db import create_engine

BARE_TABLE = "bench_bare_event"
CREATE_TABLE = f"CREATE TABLE {BARE_TABLE} (id TEXT NOT NULL, type TEXT NOT NULL, ts TEXT NOT NULL, payload TEXT NOT NULL)"
Row = tuple[str, str, str, str]


def bare_rows(path: Path) -> Iterator[Row]:
    """(id, type, ts, line) of every event line of a JSON Lines file, read as a stream."""
    with open(path, "rb") as stream:
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line.strip():
                continue
            event = json.loads(line)
            yield event["id"], event["type"], event["ts"], line


def insert_statement(engine: AsyncEngine) -> str:
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {BARE_TABLE} (id, type, ts, payload) VALUES ({mark}, {mark}, {mark}, {mark})"


async def insert_bare(url: str, path: Path, batch_size: int) -> tuple[int, float]:
    """Create the bare table and fill it; the rows written and the seconds the filling took."""
    engine = create_engine(Settings(database_url=url, demo=False))
    try:
        async with engine.begin() as connection:
            await connection.exec_driver_sql(CREATE_TABLE)
        statement = insert_statement(engine)
        written = 0
        started = time.perf_counter()
        batch: list[Row] = []
        for row in bare_rows(path):
            batch.append(row)
            if len(batch) == batch_size:
                async with engine.begin() as connection:
                    await connection.exec_driver_sql(statement, batch)
                written += len(batch)
                batch = []
        if batch:
            async with engine.begin() as connection:
                await connection.exec_driver_sql(statement, batch)
            written += len(batch)
        return written, time.perf_counter() - started
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--url", required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--result", required=True)
    arguments = parser.parse_args(argv)
    written, seconds = asyncio.run(insert_bare(arguments.url, arguments.file, arguments.batch_size))
    result = {"seconds": seconds, "rows": written, "peak_rss_bytes": peak_rss_bytes()}
    Path(arguments.result).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
