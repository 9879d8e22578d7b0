"""bench/RESULTS.md from one run's stage results: figures, ratios against goals, agreement."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.compare import CHECKED_KEYS, Comparison, compare_rows
from server.metrics.definitions import METRIC_KEYS

IMPORT_RATIO_GOAL = 3.0
DASHBOARD_SPEEDUP_GOAL = 20.0
DASHBOARD_MEDIAN_GOAL_MS = 50.0
IMPORT_MEMORY_GOAL_BYTES = 2**30
MiB = 2**20


@dataclass(frozen=True)
class Goal:
    """One goal of the issue, for one backend, with what was measured."""

    name: str
    backend: str
    measured: str
    goal: str
    met: bool | None
    """None: not measured in this run."""

    @property
    def verdict(self) -> str:
        return "not measured" if self.met is None else ("met" if self.met else "not met")


def percentile(values: Sequence[float], quantile: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    rank = quantile * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _runs(results: dict[str, dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    names = sorted((name for name in results if name.startswith(prefix)), key=lambda name: int(name.rsplit(".", 1)[1]))
    return [results[name] for name in names]


def _rate(run: dict[str, Any], count_key: str) -> float:
    return run[count_key] / run["seconds"]


def _mib(value: float) -> str:
    return f"{value / MiB:,.0f} MiB"


class Summary:
    """The figures of one backend, read from the stage results."""

    def __init__(self, backend: str, results: dict[str, dict[str, Any]], duckdb: dict[str, Any] | None) -> None:
        self.backend = backend
        self.imports = _runs(results, f"{backend}.import.")
        self.bares = _runs(results, f"{backend}.bare.")
        self.facts = results.get(f"{backend}.facts")
        self.dashboard = results.get(f"{backend}.dashboard")
        self.duckdb = duckdb

    @property
    def import_rate(self) -> float | None:
        return statistics.median(_rate(run, "accepted") for run in self.imports) if self.imports else None

    @property
    def bare_rate(self) -> float | None:
        return statistics.median(_rate(run, "rows") for run in self.bares) if self.bares else None

    @property
    def import_ratio(self) -> float | None:
        """How many times slower coachloop's import is than the bare insert (medians)."""
        if self.import_rate is None or self.bare_rate is None:
            return None
        return self.bare_rate / self.import_rate

    @property
    def import_peak_bytes(self) -> int | None:
        return max(run["peak_rss_bytes"] for run in self.imports) if self.imports else None

    @property
    def dashboard_median_ms(self) -> float | None:
        return statistics.median(self.dashboard["milliseconds"]) if self.dashboard else None

    @property
    def speedup(self) -> float | None:
        """DuckDB scan median over dashboard median."""
        if self.dashboard_median_ms is None or self.duckdb is None:
            return None
        return statistics.median(self.duckdb["milliseconds"]) / self.dashboard_median_ms

    @property
    def comparison(self) -> Comparison | None:
        if self.dashboard is None or self.duckdb is None:
            return None
        return compare_rows(self.dashboard["rows"], self.duckdb["rows"])

    def goals(self) -> list[Goal]:
        ratio, peak, median, speedup = self.import_ratio, self.import_peak_bytes, self.dashboard_median_ms, self.speedup
        return [
            Goal("import time vs bare executemany", self.backend, f"{ratio:.2f}×" if ratio else "—",
                 f"≤ {IMPORT_RATIO_GOAL:g}×", None if ratio is None else ratio <= IMPORT_RATIO_GOAL),
            Goal("peak memory of the import", self.backend, _mib(peak) if peak else "—",
                 f"< {_mib(IMPORT_MEMORY_GOAL_BYTES)} (1 GiB)", None if peak is None else peak < IMPORT_MEMORY_GOAL_BYTES),
            Goal("dashboard query median", self.backend, f"{median:.1f} ms" if median is not None else "—",
                 f"< {DASHBOARD_MEDIAN_GOAL_MS:g} ms", None if median is None else median < DASHBOARD_MEDIAN_GOAL_MS),
            Goal("dashboard query vs DuckDB scan", self.backend, f"{speedup:.1f}× faster" if speedup else "—",
                 f"≥ {DASHBOARD_SPEEDUP_GOAL:g}× faster", None if speedup is None else speedup >= DASHBOARD_SPEEDUP_GOAL),
        ]


def goals_table(summaries: Sequence[Summary]) -> list[str]:
    lines = ["| goal | backend | measured | goal | verdict |", "|---|---|---|---|---|"]
    for summary in summaries:
        for goal in summary.goals():
            lines.append(f"| {goal.name} | {goal.backend} | {goal.measured} | {goal.goal} | **{goal.verdict}** |")
    return lines


def import_table(summaries: Sequence[Summary]) -> list[str]:
    lines = [
        "| backend | run (in order) | events | seconds | events/s | peak RSS | database size |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for summary in summaries:
        order = [("bare", run) for run in summary.bares]
        for index, run in enumerate(summary.imports):
            order.insert(2 * index + 1, ("coachloop", run))
        for label, run in order:
            count = run["accepted"] if label == "coachloop" else run["rows"]
            lines.append(
                f"| {summary.backend} | {label} | {count:,} | {run['seconds']:,.1f} | {count / run['seconds']:,.0f} | "
                f"{_mib(run['peak_rss_bytes'])} | {_mib(run.get('database_bytes', 0))} |"
            )
    return lines


def timing_line(name: str, milliseconds: Sequence[float]) -> str:
    return (
        f"| {name} | {len(milliseconds)} | {statistics.median(milliseconds):,.1f} | {percentile(milliseconds, 0.9):,.1f} | "
        f"{min(milliseconds):,.1f} | {max(milliseconds):,.1f} |"
    )


def agreement_lines(summaries: Sequence[Summary]) -> list[str]:
    lines = []
    for summary in summaries:
        comparison = summary.comparison
        if comparison is None:
            lines.append(f"- {summary.backend}: not compared (a stage did not run).")
            continue
        checked = "agree" if comparison.agrees(CHECKED_KEYS) else "DISAGREE"
        every = "all 19 keys agree" if comparison.agrees(METRIC_KEYS) else (
            "differing keys: " + ", ".join(f"`{key}` ({len(cells)} cells)" for key, cells in sorted(comparison.mismatches.items()))
        )
        lines.append(
            f"- {summary.backend}: {comparison.rows} team × day rows; checked keys ({', '.join(CHECKED_KEYS)}) **{checked}**; "
            f"{every}; rows only in coachloop: {len(comparison.only_coachloop)}, only in DuckDB: {len(comparison.only_duckdb)}."
        )
        for key, cells in sorted(comparison.mismatches.items()):
            for cell, ours, theirs in cells[:3]:
                lines.append(f"  - `{key}` at {cell}: coachloop {ours!r}, DuckDB {theirs!r}")
    return lines


DUCKDB_KEYS_NOTE = (
    "The DuckDB query (`bench/kpis.sql`) computes every key of metrics.md for the team × day grouping: "
    + ", ".join(f"`{key}`" for key in METRIC_KEYS)
    + " (`abandon_rate` and `self_service_rate` are null in an agent/team grouping, on both sides). "
    "It reads the raw events exported once to Parquet (one row per event, `ts` as microseconds, "
    "`channel`/`category` normalised); each run scans that file again and computes timelines, final agents, "
    "teams at the end / reply / search, response intervals, transits, repeats and the watermark from scratch."
)


def render(meta: dict[str, Any], machine: dict[str, Any], results: dict[str, dict[str, Any]], backends: Sequence[str]) -> str:
    """The whole RESULTS.md text."""
    duckdb = results.get("duckdb.query")
    summaries = [Summary(backend, results, duckdb) for backend in backends]
    generate, export = results.get("generate", {}), results.get("export", {})
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{meta['command']}` on {meta['date']}; code measured: {meta.get('code', 'unknown')}.",
        "",
        f"- **Size run: {meta['conversations']:,} conversations** (seed {meta['seed']}), "
        f"{export.get('events', 0):,} events, demo file {_mib(generate.get('bytes', 0))}.",
        f"- Organisation time zone {meta['timezone']}; import batch size {meta['batch_size']}; "
        f"dashboard range {meta['from']} to {meta['to']} (exclusive), the last 30 local days of the data.",
        f"- Dashboard runs: 1 warm-up + {meta['repeat']}; DuckDB runs: {meta['duckdb_repeat']}; "
        f"import rounds: {meta['import_repeat']} (bare and coachloop alternating, bare first and last).",
    ]
    if meta.get("reused"):
        lines.append(f"- Stages reused from an earlier run (`--resume`): {', '.join(meta['reused'])}.")
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    memory = machine.get("memory_bytes")
    for label, value in (
        ("CPU", machine["cpu"]), ("cores", machine["cores"]), ("RAM", f"{memory / 2**30:.1f} GiB" if memory else "?"),
        ("OS", machine["os"]), ("Python", machine["python"]), ("SQLite", machine.get("sqlite_version", "—")),
        ("PostgreSQL", machine.get("postgresql_version", "—")), ("DuckDB", machine["duckdb"]),
        ("load average at start / end", f"{machine.get('load_average_at_start')} / {meta.get('load_average_at_end')}"),
    ):
        lines.append(f"| {label} | {value} |")
    lines += [
        "", "The machine is shared: figures are measured side by side in one run and compared as ratios.",
        "", "## Goals", "", *goals_table(summaries),
        "", "## Import", "",
        "coachloop: `coachloop import FILE --json` in a child process (validation, raw store, typed rows, current "
        "state, batch hooks). bare: `executemany` of (id, type, ts, payload) per event into a table without keys "
        "or indexes, same engine/driver, same batch size, one transaction per batch. Seconds exclude interpreter "
        "start-up; peak RSS is the child process's own high-water mark (`VmHWM`).",
        "", *import_table(summaries),
    ]
    for summary in summaries:
        if summary.import_ratio is not None:
            lines.append(f"\n{summary.backend}: coachloop {summary.import_rate:,.0f} events/s vs bare {summary.bare_rate:,.0f} "
                         f"events/s (medians) → **{summary.import_ratio:.2f}×** (goal ≤ {IMPORT_RATIO_GOAL:g}×).")
    rebuilt = [summary for summary in summaries if summary.facts and summary.facts["rebuilt"]]
    lines += [
        "", "## Facts after the import", "",
        ("`coachloop import` left the metric facts behind the stored events, so the first metrics query rebuilds "
         "them (`ensure_current`)." if rebuilt else "The import kept the metric facts current: `ensure_current` "
         "had nothing to rebuild.")
        + " This stage runs that step alone, so the dashboard timings below are those of a current database.", "",
        "| backend | rebuilt | seconds | peak RSS | database size after |", "|---|---|---:|---:|---:|",
    ]
    for summary in summaries:
        if summary.facts:
            facts = summary.facts
            lines.append(f"| {summary.backend} | {'yes' if facts['rebuilt'] else 'no'} | {facts['seconds']:,.1f} | "
                         f"{_mib(facts['peak_rss_bytes'])} | {_mib(facts.get('database_bytes', 0))} |")
    for summary in rebuilt:
        if summary.imports and summary.bare_rate is not None:
            queryable = statistics.median(run["seconds"] for run in summary.imports) + summary.facts["seconds"]  # type: ignore[index]
            bare = summary.imports[0]["accepted"] / summary.bare_rate
            lines.append(f"\n{summary.backend}: import + rebuild = {queryable:,.1f} s until the dashboard can answer, "
                         f"{queryable / bare:.2f}× the bare insert's {bare:,.1f} s.")
    lines += [
        "", "## Dashboard query", "",
        "`compute_metrics` with all keys, grouped by team and day, over the range above; each run in its own session.",
        "", "| query | runs | median ms | p90 ms | min ms | max ms |", "|---|---:|---:|---:|---:|---:|",
    ]
    for summary in summaries:
        if summary.dashboard:
            lines.append(timing_line(f"coachloop on {summary.backend}", summary.dashboard["milliseconds"]))
    if duckdb:
        lines.append(timing_line(f"DuckDB scan of the raw events ({duckdb['threads']} threads)", duckdb["milliseconds"]))
    for summary in summaries:
        if summary.speedup is not None:
            lines.append(f"\n{summary.backend}: DuckDB median / coachloop median = **{summary.speedup:.1f}×** "
                         f"(goal ≥ {DASHBOARD_SPEEDUP_GOAL:g}×); coachloop median {summary.dashboard_median_ms:.1f} ms "
                         f"(goal < {DASHBOARD_MEDIAN_GOAL_MS:g} ms).")
    if export:
        lines.append(f"\nThe one-time export of the JSON Lines file to Parquet took {export['seconds']:,.1f} s "
                     f"({_mib(export['parquet_bytes'])}); it is not part of the DuckDB timings.")
    lines += ["", "## Same numbers", "", DUCKDB_KEYS_NOTE, "", *agreement_lines(summaries), ""]
    return "\n".join(lines)
