"""The DuckDB baseline: the same team × day KPIs computed from the raw events by a scan.

``export`` reads the demo JSON Lines file once with ``read_json`` and writes the raw
events to Parquet, one row per event, every field the metrics read as a column
(``ts`` as microseconds; ``channel`` and ``category`` normalised as on import).
``query`` runs ``kpis.sql`` over ``read_parquet`` of that file: every query scans
the raw events again, nothing is precomputed.
Run as ``python -m bench.duckdb_scan export FILE PARQUET --result OUT.json`` or
``python -m bench.duckdb_scan query PARQUET --timezone Z --from D --to D --repeat K --result OUT.json``.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime, time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from bench.memory import peak_rss_bytes

KPI_SQL = Path(__file__).with_name("kpis.sql")
WINDOW_HOURS, SERVICE_LEVEL_SECONDS = 168, 30
EVENT_COLUMNS = {
    "id": "VARCHAR", "type": "VARCHAR", "ts": "VARCHAR", "conversation_id": "VARCHAR", "customer_id": "VARCHAR",
    "channel": "VARCHAR", "category": "VARCHAR", "direction": "VARCHAR", "agent_id": "VARCHAR", "team_id": "VARCHAR",
    "transfer_id": "VARCHAR", "resolution": "VARCHAR", "sender": "VARCHAR", "search_id": "VARCHAR",
    "csat": "BIGINT", "nps": "BIGINT", "resolved": "BOOLEAN",
}
WHITE_SPACE = " \t\n\r\u000b\u000c\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
ASCII_UPPER, ASCII_LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _label(column: str) -> str:
    """events.md normalisation: trim Unicode white space, ASCII A–Z to a–z; empty is absent."""
    trimmed = f"translate(trim({column}, {_literal(WHITE_SPACE)}), '{ASCII_UPPER}', '{ASCII_LOWER}')"
    return f"nullif({trimmed}, '') AS {column}"


def export_parquet(connection: duckdb.DuckDBPyConnection, source: Path, target: Path) -> int:
    """Write the raw events of ``source`` to ``target`` as Parquet; the event count."""
    columns = "{" + ", ".join(f"{_literal(name)}: {_literal(kind)}" for name, kind in EVENT_COLUMNS.items()) + "}"
    fields = [
        "id", "type", "epoch_us(CAST(ts AS TIMESTAMPTZ)) AS ts_us",
        *(_label(name) if name in ("channel", "category") else name for name in EVENT_COLUMNS if name not in ("id", "type", "ts")),
    ]
    partial = target.with_suffix(".partial")
    connection.execute(
        f"COPY (SELECT {', '.join(fields)} FROM read_json({_literal(str(source))}, format = 'newline_delimited', "
        f"columns = {columns})) TO {_literal(str(partial))} (FORMAT parquet)"
    )
    partial.replace(target)
    return int(connection.execute(f"SELECT count(*) FROM read_parquet({_literal(str(target))})").fetchone()[0])


def range_bounds(zone: ZoneInfo, from_day: date, to_day: date) -> tuple[int, int]:
    """Local midnights of the two days, as Unix microseconds."""
    def midnight(day: date) -> int:
        return int(datetime.combine(day, clock(0), tzinfo=zone).timestamp()) * 1_000_000
    return midnight(from_day), midnight(to_day)


def query_kpis(
    connection: duckdb.DuckDBPyConnection, parquet: Path, timezone: str, from_day: date, to_day: date
) -> list[dict[str, object]]:
    """The team × day rows of ``kpis.sql`` over a fresh scan of ``parquet``."""
    connection.execute(f"CREATE OR REPLACE VIEW events AS SELECT * FROM read_parquet({_literal(str(parquet))})")
    from_us, to_us = range_bounds(ZoneInfo(timezone), from_day, to_day)
    parameters = {
        "zone": timezone, "from_us": from_us, "to_us": to_us,
        "window_us": WINDOW_HOURS * 3600 * 1_000_000, "service_level_us": SERVICE_LEVEL_SECONDS * 1_000_000,
    }
    cursor = connection.execute(KPI_SQL.read_text(encoding="utf-8"), parameters)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def watermark_day(parquet: Path, timezone: str) -> date:
    """The local day of the greatest ``ts`` of all events."""
    connection = duckdb.connect()
    watermark_us = connection.execute(f"SELECT max(ts_us) FROM read_parquet({_literal(str(parquet))})").fetchone()[0]
    return datetime.fromtimestamp(watermark_us / 1_000_000, ZoneInfo(timezone)).date()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    modes = parser.add_subparsers(dest="mode", required=True)
    export = modes.add_parser("export")
    export.add_argument("source", type=Path)
    export.add_argument("parquet", type=Path)
    export.add_argument("--result", required=True)
    query = modes.add_parser("query")
    query.add_argument("parquet", type=Path)
    query.add_argument("--timezone", required=True)
    query.add_argument("--from", dest="from_day", type=date.fromisoformat, required=True)
    query.add_argument("--to", dest="to_day", type=date.fromisoformat, required=True)
    query.add_argument("--repeat", type=int, required=True)
    query.add_argument("--result", required=True)
    arguments = parser.parse_args(argv)
    connection = duckdb.connect()
    threads = int(connection.execute("SELECT current_setting('threads')").fetchone()[0])
    if arguments.mode == "export":
        started = time.perf_counter()
        events = export_parquet(connection, arguments.source, arguments.parquet)
        result: dict[str, object] = {"seconds": time.perf_counter() - started, "events": events, "threads": threads,
                                     "parquet_bytes": arguments.parquet.stat().st_size}
    else:
        timings, rows = [], []
        for _ in range(arguments.repeat):
            started = time.perf_counter()
            rows = query_kpis(connection, arguments.parquet, arguments.timezone, arguments.from_day, arguments.to_day)
            timings.append((time.perf_counter() - started) * 1000)
        result = {"milliseconds": timings, "median_ms": statistics.median(timings), "threads": threads, "rows": rows}
    result["peak_rss_bytes"] = peak_rss_bytes()
    Path(arguments.result).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
