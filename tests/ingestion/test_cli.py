"""``coachloop import`` run as a real process against the test database."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from server.cli import main
from server.config import get_settings
from tests.ingestion.state import rows, table_counts

COACHLOOP = Path(sys.executable).parent / "coachloop"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"
MIXED = FIXTURES / "mixed.jsonl"
MIXED_LINES = MIXED.read_bytes().split(b"\n")
BAD_LINE_NUMBERS = [4, 6, 7, 10, 11, 13]
GOOD_IDS = {"m-team", "m-agent", "m-start", "m-msg", "m-end"}


def run(database_url: str, *arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment["COACHLOOP_DATABASE_URL"] = database_url
    return subprocess.run(
        [str(COACHLOOP), "import", *arguments], input=stdin, capture_output=True, env=environment, timeout=120, check=False
    )


def summary(result: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def counts(report: dict[str, Any]) -> tuple[int, int, int, int]:
    return report["accepted"], report["duplicates"], report["conflicts"], report["rejected"]


EXPECTED_REJECTIONS = [  # line, id, field, code
    (4, None, None, "invalid_json"),
    (6, None, None, "not_an_object"),
    (7, "bad-csat", "csat", "wrong_type"),
    (10, None, None, "invalid_utf8"),
    (11, "bad-ts", "ts", "timestamp_without_offset"),
    (13, "bad-future", "ts", "timestamp_in_future"),
]


async def test_import_of_a_mixed_file_then_again(database_url, sessionmaker, tmp_path) -> None:
    reject_file = tmp_path / "rejected.jsonl"
    first = summary(run(database_url, str(MIXED), "--json", "--reject-file", str(reject_file)))
    assert counts(first) == (5, 1, 1, 6)
    assert first["files"] == [{"file": str(MIXED), "accepted": 5, "duplicates": 1, "conflicts": 1, "rejected": 6}]
    assert first["conflict_ids"] == ["m-agent"]
    assert (first["rejections_not_listed"], first["conflicts_not_listed"], first["reject_file"]) == (0, 0, str(reject_file))
    assert [
        (item["line"], item["id"], [error["field"] for error in item["errors"]], [error["code"] for error in item["errors"]])
        for item in first["rejections"]
    ] == [(line, event_id, [field], [code]) for line, event_id, field, code in EXPECTED_REJECTIONS]
    assert {item["file"] for item in first["rejections"]} == {str(MIXED)}
    assert reject_file.read_bytes() == b"".join(MIXED_LINES[number - 1] + b"\n" for number in BAD_LINE_NUMBERS)

    assert {row["id"] for row in await rows(sessionmaker, "event")} == GOOD_IDS
    assert [row["team_id"] for row in await rows(sessionmaker, "agent")] == ["T1"]  # the first version is kept
    assert [row["text"] for row in await rows(sessionmaker, "message")] == ["你好，我的快递还没到。"]
    before = await table_counts(sessionmaker)
    assert (before["event"], before["event_conflict"], before["conversation_event"]) == (5, 1, 2)

    second = summary(run(database_url, str(MIXED), "--json"))
    assert counts(second) == (0, 7, 0, 6)
    assert await table_counts(sessionmaker) == before


async def test_standard_input_and_human_summary(database_url, sessionmaker) -> None:
    result = run(database_url, "-", stdin=MIXED.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    assert text.splitlines()[0] == "Imported 1 file: 5 accepted, 1 duplicates, 1 conflicts, 6 rejected."
    assert "  -:7  id=bad-csat  csat: wrong_type — 'csat' must be an integer (no fraction or exponent), got the number 4.0" in text
    assert "  -:4  id=-  (line): invalid_json — " in text
    assert "Conflicts (same id, different content; the first version is kept): m-agent" in text
    assert result.stderr == b""  # no progress bar when stderr is not a terminal
    assert (await table_counts(sessionmaker))["event"] == 5

    again = summary(run(database_url, "-", str(MIXED), "--json", stdin=MIXED.read_bytes()[:0]))
    assert [entry["file"] for entry in again["files"]] == ["-", str(MIXED)]
    assert counts(again) == (0, 7, 0, 6)


async def test_default_zone_blank_lines_byte_order_mark_and_crlf(database_url, sessionmaker, tmp_path) -> None:
    source = tmp_path / "local.jsonl"
    lines = [
        '\ufeff{"id":"l1","type":"team.upserted","ts":"2026-03-02 09:15:00","team_id":"T","name":"本地时间"}\r',
        "",
        ' \t\r',
        '{"id":"l2","type":"team.upserted","ts":"2026-03-02 09:15:00","team_id":"T"}\r',
        '{"id":"l3","type":"team.upserted","ts":"2026-03-02T09:15:00Z","team_id":"T9","name":"无换行结尾"}',
    ]
    source.write_bytes("\n".join(lines).encode())
    reject_file = tmp_path / "rejected.jsonl"
    report = summary(run(database_url, str(source), "--json", "--default-tz", "Asia/Shanghai", "--reject-file", str(reject_file)))
    assert counts(report) == (2, 0, 0, 1)
    assert [(item["line"], item["errors"][0]["field"], item["errors"][0]["code"]) for item in report["rejections"]] == [
        (4, "name", "missing")
    ]
    assert reject_file.read_bytes() == lines[3].encode() + b"\n"
    stored = {row["id"]: row["ts_us"] for row in await rows(sessionmaker, "event")}
    assert stored == {"l1": 1_772_414_100_000_000, "l3": 1_772_442_900_000_000}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.jsonl"], "coachloop import: cannot read missing.jsonl: No such file or directory"),
        ([str(MIXED), "--default-tz", "Mars/Olympus"], "coachloop import: unknown time zone 'Mars/Olympus'"),
    ],
)
def test_cannot_run_exits_2_with_a_message(arguments: list[str], message: str, tmp_path) -> None:
    result = run(f"sqlite:///{tmp_path / 'unused.db'}", *arguments)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert result.stdout == b""


def test_unreachable_database_exits_2() -> None:
    result = run("postgresql://postgres@127.0.0.1:1/nowhere", str(MIXED))
    assert result.returncode == 2
    assert "coachloop import: cannot use the database: OperationalError" in result.stderr.decode()


@pytest.fixture
def environment_database(monkeypatch, tmp_path) -> Iterator[str]:
    """COACHLOOP_DATABASE_URL pointing at a new, unmigrated SQLite file, for in-process runs."""
    database_url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("COACHLOOP_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def test_unmigrated_database_exits_2(environment_database, capsys) -> None:
    assert main(["import", str(MIXED), "--json"]) == 2
    captured = capsys.readouterr()
    assert "migrated with `coachloop migrate`" in captured.err
    assert captured.out == ""


def test_batch_size_must_be_positive(environment_database, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import", str(MIXED), "--batch-size", "0"])
    assert exited.value.code == 2
    assert "argument --batch-size: must be at least 1" in capsys.readouterr().err
