"""The benchmark pipeline end to end at a tiny size: every stage runs, the results file has
every section, and coachloop's dashboard numbers equal DuckDB's. No timing is asserted."""

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bench.compare import CHECKED_KEYS, compare_rows
from bench.layout import Layout
from bench.run import main

CONVERSATIONS, SEED = 50, 7
SECTIONS = ("# Benchmark results", "## Machine", "## Goals", "## Import", "## Facts after the import",
            "## Dashboard query", "## Same numbers")
POSTGRES_ADMIN_URL = os.environ.get("COACHLOOP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Layout, str]:
    out = tmp_path_factory.mktemp("bench")
    results = out / "RESULTS.md"
    prefix = f"coachloop_bench_t{uuid.uuid4().hex[:8]}"  # test runs side by side never share a database
    exit_code = main([
        "--conversations", str(CONVERSATIONS), "--seed", str(SEED), "--backends", "sqlite,postgresql",
        "--repeat", "2", "--duckdb-repeat", "1", "--out", str(out), "--results", str(results),
        "--postgres-url", POSTGRES_ADMIN_URL, "--database-prefix", prefix,
    ])
    assert exit_code == 0
    return Layout(out.resolve(), CONVERSATIONS, SEED, prefix), results.read_text(encoding="utf-8")


def test_results_file_has_every_section_and_goal(bench_run: tuple[Layout, str]) -> None:
    _, text = bench_run
    for section in SECTIONS:
        assert section in text
    assert f"**Size run: {CONVERSATIONS:,} conversations**" in text
    for backend in ("sqlite", "postgresql"):
        for goal in ("import time vs bare executemany", "peak memory of the import", "dashboard query median",
                     "dashboard query vs DuckDB scan"):
            line = next(line for line in text.splitlines() if line.startswith(f"| {goal} | {backend} |"))
            assert line.endswith(("| **met** |", "| **not met** |"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_dashboard_agrees_with_duckdb(bench_run: tuple[Layout, str], backend: str) -> None:
    layout, text = bench_run
    dashboard, duckdb = layout.load(f"{backend}.dashboard"), layout.load("duckdb.query")
    assert dashboard is not None and duckdb is not None
    assert dashboard["rows"], "the 30-day range holds data"
    comparison = compare_rows(dashboard["rows"], duckdb["rows"])
    assert comparison.only_coachloop == [] and comparison.only_duckdb == []
    assert {key: comparison.mismatches.get(key, []) for key in CHECKED_KEYS} == {key: [] for key in CHECKED_KEYS}
    assert f"- {backend}: {comparison.rows} team × day rows; checked keys ({', '.join(CHECKED_KEYS)}) **agree**" in text


def test_every_stage_saved_its_result(bench_run: tuple[Layout, str]) -> None:
    layout, _ = bench_run
    stages = ["export", "duckdb.query"] + [
        f"{backend}.{stage}" for backend in ("sqlite", "postgresql")
        for stage in ("bare.0", "import.0", "bare.1", "facts", "dashboard")
    ]
    assert sorted(path.stem for path in layout.results.glob("*.json")) == sorted(stages)
    for backend in ("sqlite", "postgresql"):
        imported, bare = layout.load(f"{backend}.import.0"), layout.load(f"{backend}.bare.0")
        assert imported["rejected"] == 0 and imported["accepted"] == bare["rows"] == layout.load("export")["events"]
    assert not Path(layout.sqlite_file("app")).exists(), "the benchmark drops its databases"
    url = make_url(POSTGRES_ADMIN_URL)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database) as admin:
        left = admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{layout.database_prefix}%",)).fetchall()
    assert left == []
