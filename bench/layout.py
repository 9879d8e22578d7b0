"""Where one benchmark run keeps its files: demo stream, Parquet copy, SQLite files, stage results."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POSTGRES_PREFIX = "coachloop_bench"


@dataclass(frozen=True)
class Layout:
    """The files and database names of a run of ``conversations`` conversations with ``seed``."""

    out: Path
    conversations: int
    seed: int
    database_prefix: str = POSTGRES_PREFIX
    """PostgreSQL databases are named ``<prefix>_c<N>_s<S>_<role>``."""

    @property
    def folder(self) -> Path:
        return self.out / f"c{self.conversations}-s{self.seed}"

    @property
    def demo_file(self) -> Path:
        return self.out / f"demo-c{self.conversations}-s{self.seed}.jsonl"

    @property
    def parquet_file(self) -> Path:
        return self.out / f"demo-c{self.conversations}-s{self.seed}.parquet"

    @property
    def results(self) -> Path:
        return self.folder / "results"

    @property
    def log_file(self) -> Path:
        return self.folder / "bench.log"

    def sqlite_file(self, role: str) -> Path:
        """``role`` is ``app`` (coachloop's database) or ``bare`` (the plain-insert table)."""
        return self.folder / f"{role}.db"

    def postgres_database(self, role: str) -> str:
        return f"{self.database_prefix}_c{self.conversations}_s{self.seed}_{role}"

    def stage_file(self, stage: str) -> Path:
        return self.results / f"{stage}.json"

    def prepare(self) -> None:
        self.results.mkdir(parents=True, exist_ok=True)

    def load(self, stage: str) -> dict[str, Any] | None:
        """The saved result of ``stage``, or None when it has not completed."""
        path = self.stage_file(stage)
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def save(self, stage: str, result: dict[str, Any]) -> None:
        path = self.stage_file(stage)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
