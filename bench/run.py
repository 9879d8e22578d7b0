"""``python -m bench.run``: the whole benchmark in one run, results written to bench/RESULTS.md.

Import throughput against a bare executemany, the dashboard query against a DuckDB
scan of the raw events, and the import's peak memory, on SQLite and PostgreSQL.
See bench/README.md for what is measured and how to read it.
"""

import argparse
import os
import shlex
import sys
from datetime import datetime
from pathlib import Path

from bench.databases import BACKENDS, DEFAULT_POSTGRES_ADMIN_URL, Databases
from bench.layout import POSTGRES_PREFIX, Layout
from bench.machine import code_version, machine_info
from bench.memory import StageFailed
from bench.report import render
from bench.stages import SKIPPABLE, Options, Pipeline, log
from server.config import Settings

BENCH_FOLDER = Path(__file__).resolve().parent


def _names(text: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in allowed]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
    return names


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--conversations", type=int, default=20000, help="demo size (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="demo seed (default 1)")
    parser.add_argument("--backends", type=lambda text: _names(text, BACKENDS, "backend"), default=BACKENDS,
                        help="comma-separated: sqlite,postgresql (default both)")
    parser.add_argument("--repeat", type=int, default=30, help="timed dashboard queries after one warm-up (default 30)")
    parser.add_argument("--duckdb-repeat", type=int, default=5, help="DuckDB scans (default 5)")
    parser.add_argument("--import-repeat", type=int, default=1,
                        help="coachloop imports per backend, alternating with bare inserts (default 1: bare, import, bare)")
    parser.add_argument("--batch-size", type=int, default=Settings.model_fields["ingest_batch_size"].default,
                        help="events per transaction, both imports (default: coachloop's ingest batch size)")
    parser.add_argument("--timezone", default="Asia/Shanghai", help="organisation time zone (default Asia/Shanghai, the demo's)")
    parser.add_argument("--out", type=Path, default=BENCH_FOLDER / "out", help="demo file, databases, stage results")
    parser.add_argument("--results", type=Path, default=BENCH_FOLDER / "RESULTS.md", help="results file to write")
    parser.add_argument("--postgres-url", default=os.environ.get("COACHLOOP_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_ADMIN_URL),
                        help="server where the benchmark creates and drops its own databases")
    parser.add_argument("--database-prefix", default=POSTGRES_PREFIX,
                        help=f"PostgreSQL databases are <prefix>_c<N>_s<S>_app and _bare (default {POSTGRES_PREFIX})")
    parser.add_argument("--code-label", help="what code is measured, when not a git checkout (default: its commit)")
    parser.add_argument("--resume", action="store_true", help="reuse the saved result of every stage already done")
    parser.add_argument("--skip", type=lambda text: _names(text, SKIPPABLE, "stage"), default=(),
                        help=f"comma-separated stages not to run: {', '.join(SKIPPABLE)}")
    parser.add_argument("--keep-databases", action="store_true", help="keep coachloop's databases after the run")
    parser.add_argument("--progress-seconds", type=float, default=60.0, help="progress line interval during imports")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    options = Options(
        conversations=arguments.conversations, seed=arguments.seed, backends=arguments.backends,
        repeat=arguments.repeat, duckdb_repeat=arguments.duckdb_repeat, import_repeat=arguments.import_repeat,
        batch_size=arguments.batch_size, timezone=arguments.timezone, resume=arguments.resume,
        skip=frozenset(arguments.skip), keep_databases=arguments.keep_databases, progress_seconds=arguments.progress_seconds,
    )
    layout = Layout(arguments.out.resolve(), options.conversations, options.seed, arguments.database_prefix)
    databases = Databases(layout, arguments.postgres_url)
    machine = machine_info({backend: databases.server_version(backend) for backend in options.backends})
    started = datetime.now().astimezone()
    pipeline = Pipeline(layout, databases, options)
    try:
        from_day, to_day = pipeline.run()
    except StageFailed as failure:
        log(layout, f"benchmark stopped: {failure} (run again with --resume to go on)")
        return 1
    meta = {
        "command": "python -m bench.run " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "date": started.isoformat(timespec="seconds"),
        "code": arguments.code_label or code_version(BENCH_FOLDER.parent), "conversations": options.conversations, "seed": options.seed,
        "timezone": options.timezone, "batch_size": options.batch_size, "repeat": options.repeat,
        "duckdb_repeat": options.duckdb_repeat, "import_repeat": options.import_repeat,
        "from": from_day.isoformat(), "to": to_day.isoformat(), "reused": pipeline.reused,
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
    }
    arguments.results.write_text(render(meta, machine, pipeline.results, options.backends), encoding="utf-8")
    log(layout, f"results written to {arguments.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
