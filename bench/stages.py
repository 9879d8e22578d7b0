"""The benchmark's stages, in order, each in a measured child process, each result saved.

generate → export (Parquet for DuckDB) → per backend: bare, import, bare (repeated
alternately), facts, dashboard → DuckDB query. A stage whose result is saved is
skipped on ``--resume``; a stage named in ``--skip`` is not run.
"""

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.databases import Databases
from bench.duckdb_scan import watermark_day
from bench.layout import Layout
from bench.memory import Measured, run_stage

RANGE_DAYS = 30
SKIPPABLE = ("bare", "import", "facts", "dashboard", "duckdb")


@dataclass(frozen=True)
class Options:
    """What one benchmark run does."""

    conversations: int
    seed: int
    backends: tuple[str, ...]
    repeat: int
    duckdb_repeat: int
    import_repeat: int
    batch_size: int
    timezone: str
    resume: bool = False
    skip: frozenset[str] = frozenset()
    keep_databases: bool = False
    progress_seconds: float = 60.0


def log(layout: Layout, message: str) -> None:
    line = f"[{datetime.now().strftime('%H:%M:%S')}] {message}"
    print(line, flush=True)
    with open(layout.log_file, "a", encoding="utf-8") as stream:
        stream.write(line + "\n")


class Pipeline:
    """Runs the stages of one benchmark run and collects their results."""

    def __init__(self, layout: Layout, databases: Databases, options: Options) -> None:
        self.layout = layout
        self.databases = databases
        self.options = options
        self.results: dict[str, dict[str, Any]] = {}
        self.reused: list[str] = []
        """Stages whose result was taken from an earlier run (``--resume``)."""

    # -- running a stage ---------------------------------------------------------------

    def _saved(self, name: str) -> bool:
        """On ``--resume``, take the saved result of ``name`` when there is one."""
        saved = self.layout.load(name) if self.options.resume else None
        if saved is None:
            return False
        log(self.layout, f"{name}: reusing the saved result of {saved['finished_at']}")
        self.reused.append(name)
        self.results[name] = saved
        return True

    def _stage(self, name: str, arguments: list[str], env: dict[str, str] | None = None, on_tick: Any = None) -> dict[str, Any]:
        """Run a child writing its JSON result to ``--result``; save it with wall time and peak memory."""
        log(self.layout, f"{name}: running")
        with tempfile.TemporaryDirectory() as folder:
            result_path = Path(folder) / "result.json"
            measured: Measured = run_stage(
                [*arguments, "--result", str(result_path)], log=self.layout.log_file, name=name, env=env,
                on_tick=on_tick, tick_seconds=self.options.progress_seconds,
            )
            result = json.loads(result_path.read_text(encoding="utf-8"))
        result.update(wall_seconds=measured.wall_seconds, finished_at=datetime.now().isoformat(timespec="seconds"))
        self.layout.save(name, result)
        self.results[name] = result
        log(self.layout, f"{name}: done in {measured.wall_seconds:.1f} s, peak {result['peak_rss_bytes'] / 2**20:.0f} MiB")
        return result

    def _env(self, url: str) -> dict[str, str]:
        return {
            "COACHLOOP_DATABASE_URL": url, "COACHLOOP_TIMEZONE": self.options.timezone,
            "COACHLOOP_LOG_LEVEL": "WARNING", "COACHLOOP_DEMO": "false",
        }

    # -- the stages --------------------------------------------------------------------

    def generate(self) -> None:
        """The demo file, made once per size and seed (deterministic) and kept in the output folder."""
        target = self.layout.demo_file
        marker = target.with_suffix(".json")
        if target.exists() and marker.exists():
            self.results["generate"] = json.loads(marker.read_text(encoding="utf-8"))
            log(self.layout, f"generate: reusing {target}")
            return
        log(self.layout, f"generate: writing {self.options.conversations} conversations to {target}")
        partial = target.with_suffix(".partial")
        started = time.perf_counter()
        run_stage(
            ["-m", "server.cli", "demo-data", "--conversations", str(self.options.conversations),
             "--seed", str(self.options.seed), "--out", str(partial)],
            log=self.layout.log_file, name="generate",
        )
        partial.replace(target)
        result = {"seconds": time.perf_counter() - started, "bytes": target.stat().st_size}
        marker.write_text(json.dumps(result), encoding="utf-8")
        self.results["generate"] = result

    def export(self) -> tuple[date, date]:
        """Parquet copy of the raw events for DuckDB; the dashboard range (last 30 local days)."""
        if not (self.layout.parquet_file.exists() and self._saved("export")):
            self.layout.parquet_file.unlink(missing_ok=True)
            self._stage("export", ["-m", "bench.duckdb_scan", "export", str(self.layout.demo_file), str(self.layout.parquet_file)])
        to_day = watermark_day(self.layout.parquet_file, self.options.timezone) + timedelta(days=1)
        return to_day - timedelta(days=RANGE_DAYS), to_day

    def _bare(self, backend: str, index: int) -> None:
        name = f"{backend}.bare.{index}"
        if "bare" in self.options.skip or self._saved(name):
            return
        url = self.databases.create(backend, "bare", migrate=False)
        try:
            self._stage(name, ["-m", "bench.bare_insert", str(self.layout.demo_file), "--url", url,
                               "--batch-size", str(self.options.batch_size)])
            self.results[name]["database_bytes"] = self.databases.size_bytes(backend, "bare")
            self.layout.save(name, self.results[name])
        finally:
            self.databases.drop(backend, "bare")

    def _import(self, backend: str, index: int) -> None:
        name = f"{backend}.import.{index}"
        if "import" in self.options.skip or self._saved(name):
            return
        url = self.databases.create(backend, "app", migrate=True)
        started, total = time.perf_counter(), self.results.get("export", {}).get("events")

        def progress(elapsed: float) -> None:
            stored = self.databases.stored_events(backend)
            share = f" of {total:,} ({stored / total:.0%})" if total else ""
            log(self.layout, f"{name}: {stored:,} events stored{share}, {stored / max(elapsed, 1e-9):,.0f} events/s")

        self._stage(name, ["-m", "bench.coachloop_import", str(self.layout.demo_file), "--batch-size",
                           str(self.options.batch_size)], env=self._env(url), on_tick=progress)
        self.results[name]["database_bytes"] = self.databases.size_bytes(backend, "app")
        self.results[name]["wall_since_create_seconds"] = time.perf_counter() - started
        self.layout.save(name, self.results[name])

    def backend(self, backend: str, from_day: date, to_day: date) -> None:
        """Import rounds (bare and coachloop alternating, bare first and last), facts, dashboard."""
        for index in range(self.options.import_repeat):
            self._bare(backend, index)
            self._import(backend, index)
        self._bare(backend, self.options.import_repeat)
        url = self.databases.url(backend, "app")
        if "facts" not in self.options.skip and not self._saved(f"{backend}.facts"):
            self._stage(f"{backend}.facts", ["-m", "bench.facts", "--url", url, "--timezone", self.options.timezone])
            self.results[f"{backend}.facts"]["database_bytes"] = self.databases.size_bytes(backend, "app")
            self.layout.save(f"{backend}.facts", self.results[f"{backend}.facts"])
        if "dashboard" not in self.options.skip and not self._saved(f"{backend}.dashboard"):
            self._stage(f"{backend}.dashboard", [
                "-m", "bench.dashboard", "--url", url, "--timezone", self.options.timezone,
                "--from", from_day.isoformat(), "--to", to_day.isoformat(), "--repeat", str(self.options.repeat),
            ])
        if not self.options.keep_databases:
            self.databases.drop(backend, "app")

    def duckdb(self, from_day: date, to_day: date) -> None:
        if "duckdb" in self.options.skip or self._saved("duckdb.query"):
            return
        self._stage("duckdb.query", [
            "-m", "bench.duckdb_scan", "query", str(self.layout.parquet_file), "--timezone", self.options.timezone,
            "--from", from_day.isoformat(), "--to", to_day.isoformat(), "--repeat", str(self.options.duckdb_repeat),
        ])

    def run(self) -> tuple[date, date]:
        """Every stage in order; the dashboard range."""
        self.layout.prepare()
        log(self.layout, f"benchmark: {self.options.conversations} conversations, seed {self.options.seed}, "
                         f"backends {', '.join(self.options.backends)}, pid {os.getpid()}, python {sys.version.split()[0]}")
        self.generate()
        from_day, to_day = self.export()
        for backend in self.options.backends:
            self.backend(backend, from_day, to_day)
        self.duckdb(from_day, to_day)
        return from_day, to_day
