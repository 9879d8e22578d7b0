"""An import stopped part-way never leaves the figures silently wrong (real processes, both backends).

Each test starts from a database holding the first 30% of a demo file with its metric
facts built, stops an import of the whole file (SIGTERM, SIGINT, ``kill -9``, or a
full disk), checks that the figures equal a rebuild of what is stored, imports the
file again, and checks at once that ``coachloop report`` equals a clean import of the
same file into another database. Nothing waits for a clock.

The stopped import reads standard input, fed by the test, so it is certainly mid-way
when stopped: the test waits until at least one batch of new events committed.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from server.cli import main
from server.config import get_settings
from server.demo.generator import write_events
from tests.conftest import StorageTemplates

COACHLOOP = Path(sys.executable).parent / "coachloop"
BATCH = 250
ZONE = "Asia/Shanghai"
REPORT = ["report", "--format", "json", "--group-by", "team,day", "--from", "2026-08-01", "--to", "2026-12-01"]
CLEAN_REPORTS: dict[str, list[dict]] = {}

pytestmark = pytest.mark.slow


def environment(database_url: str) -> dict[str, str]:
    base = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    return {**base, "COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_TIMEZONE": ZONE}


def coachloop(database_url: str, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(COACHLOOP), *arguments], capture_output=True, env=environment(database_url), timeout=300, check=False
    )


def report(database_url: str) -> list[dict]:
    result = coachloop(database_url, *REPORT)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def imported(database_url: str, path: Path) -> dict:
    result = coachloop(database_url, "import", str(path), "--json", "--batch-size", str(BATCH))
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def stored_events(database_url: str) -> int:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(url.database or "") as connection:
            return connection.execute("SELECT count(*) FROM event").fetchone()[0]
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database) as connection:
        return connection.execute("SELECT count(*) FROM event").fetchone()[0]  # type: ignore[index]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("interrupted") / "demo.jsonl"
    write_events(str(path), 300, 7)
    return path


@pytest.fixture
def lines(demo_file: Path) -> list[bytes]:
    return demo_file.read_bytes().splitlines(keepends=True)


@pytest.fixture
def clean_report(backend: str, storage_templates: StorageTemplates, demo_file: Path) -> list[dict]:
    """``coachloop report`` after one clean import of the whole file, into a database of its own."""
    if backend not in CLEAN_REPORTS:
        url = storage_templates.fresh(backend)
        imported(url, demo_file)
        CLEAN_REPORTS[backend] = report(url)
        storage_templates.release(url)
    return CLEAN_REPORTS[backend]


@pytest.fixture
def with_metrics(database_url: str, lines: list[bytes], tmp_path: Path) -> int:
    """The first 30% of the file imported and the metric facts built; returns the events stored."""
    head = tmp_path / "head.jsonl"
    head.write_bytes(b"".join(lines[: len(lines) * 3 // 10]))
    imported(database_url, head)
    assert report(database_url)
    return stored_events(database_url)


def wait_for(condition, what: str, seconds: float = 120) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def started_import(database_url: str, lines: list[bytes], before: int) -> subprocess.Popen[bytes]:
    """``coachloop import -`` fed 60% of the file, once a batch of new events committed."""
    process = subprocess.Popen(
        [str(COACHLOOP), "import", "-", "--json", "--batch-size", str(BATCH)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(database_url),
    )
    assert process.stdin is not None
    process.stdin.write(b"".join(lines[: len(lines) * 6 // 10]))
    process.stdin.flush()
    wait_for(lambda: stored_events(database_url) >= before + BATCH, "a committed batch of new events")
    return process


def assert_repaired_then_equal_after_rerun(database_url: str, demo_file: Path, clean_report: list[dict]) -> None:
    stored = stored_events(database_url)
    rebuilt = coachloop(database_url, "metrics", "rebuild")
    before_rebuild = report(database_url)  # the query after the stop: already exact for what is stored
    assert rebuilt.returncode == 0, rebuilt.stderr.decode()
    assert report(database_url) == before_rebuild
    assert sum(row["conversations"] or 0 for row in before_rebuild) < sum(row["conversations"] or 0 for row in clean_report)

    again = imported(database_url, demo_file)
    assert again["duplicates"] == stored and again["accepted"] + again["duplicates"] == len(demo_file.read_bytes().splitlines())
    assert report(database_url) == clean_report


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_an_import_stopped_by_a_signal_says_what_it_committed_and_leaves_nothing_stale(
    database_url: str, demo_file: Path, lines: list[bytes], with_metrics: int, clean_report: list[dict], stop: signal.Signals
) -> None:
    process = started_import(database_url, lines, with_metrics)
    process.send_signal(stop)
    # The import was blocked reading: it sees the stop once more lines arrive, and stops reading (communicate
    # ignores the broken pipe).
    stdout, stderr = process.communicate(b"".join(lines[len(lines) * 6 // 10 :]), timeout=120)

    assert process.returncode == 128 + stop.value, stderr.decode()
    summary = json.loads(stdout)
    assert summary["interrupted"] is True
    assert summary["accepted"] == stored_events(database_url) - with_metrics
    assert summary["accepted"] + summary["duplicates"] < len(lines)
    assert len(stderr.decode().strip().splitlines()) == 1, stderr.decode()
    [message] = stderr.decode().strip().splitlines()
    assert message.startswith(f"coachloop import: interrupted by {stop.name}: the counts above are the committed batches.")
    assert_repaired_then_equal_after_rerun(database_url, demo_file, clean_report)


def test_an_import_killed_with_sigkill_leaves_nothing_stale(
    database_url: str, demo_file: Path, lines: list[bytes], with_metrics: int, clean_report: list[dict]
) -> None:
    process = started_import(database_url, lines, with_metrics)
    process.kill()
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert_repaired_then_equal_after_rerun(database_url, demo_file, clean_report)


class FullDisk:
    """Writes fail as on a full disk until ``free``: SQLite's own SQLITE_FULL (a page limit), PostgreSQL's ``disk_full``."""

    def __init__(self, database_url: str, stored: int) -> None:
        self.url = make_url(database_url)
        self.stored = stored
        self.freed = False

    def _admin(self) -> psycopg.Connection:
        url = self.url
        return psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True)

    def _limit_pages(self, dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.cursor().execute(f"PRAGMA max_page_count = {self.page_limit}")

    def fill(self) -> None:
        if self.url.get_backend_name() == "sqlite":
            with sqlite3.connect(self.url.database or "") as connection:
                self.page_limit = connection.execute("PRAGMA page_count").fetchone()[0] + 40
            event.listen(Engine, "connect", self._limit_pages)
            return
        with self._admin() as admin:
            admin.execute(
                "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                f" IF (SELECT count(*) FROM event) >= {self.stored + BATCH} THEN"
                " RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';"
                " END IF; RETURN NULL; END $$"
            )
            admin.execute("CREATE TRIGGER disk_full AFTER INSERT ON event FOR EACH STATEMENT EXECUTE FUNCTION disk_full()")

    def free(self) -> None:
        if self.freed:
            return
        self.freed = True
        if self.url.get_backend_name() == "sqlite":
            event.remove(Engine, "connect", self._limit_pages)
            return
        with self._admin() as admin:
            admin.execute("DROP TRIGGER disk_full ON event")


@pytest.fixture
def full_disk(database_url: str, with_metrics: int) -> Iterator[FullDisk]:
    disk = FullDisk(database_url, with_metrics)
    disk.fill()
    yield disk
    disk.free()


def test_an_import_failing_on_a_full_disk_leaves_nothing_stale(
    database_url: str, demo_file: Path, with_metrics: int, clean_report: list[dict], full_disk: FullDisk,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in environment(database_url).items():
        if name.startswith("COACHLOOP_"):
            monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        status = main(["import", str(demo_file), "--json", "--batch-size", str(BATCH)])
    finally:
        get_settings.cache_clear()
    message = capsys.readouterr().err.strip()
    assert status == 1, message
    assert message.startswith("coachloop import: the database failed during the import")
    assert "database or disk is full" in message or "No space left on device" in message
    full_disk.free()
    assert_repaired_then_equal_after_rerun(database_url, demo_file, clean_report)
