"""``coachloop report`` as a real process: the same numbers as the query layer, in JSON, CSV and table."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.metrics.formats import display_width
from tests.metrics.helpers import configure, ingest, metric_records
from tests.metrics.scenario import BY_AGENT, BY_CHANNEL, TOTAL, morning

COACHLOOP = Path(sys.executable).parent / "coachloop"


def report(database_url: str, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment.update({"COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_TIMEZONE": "Asia/Shanghai"})
    return subprocess.run([str(COACHLOOP), "report", *arguments], capture_output=True, env=environment, timeout=120, check=False)


async def test_report_formats_match_the_query_layer(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, database_url: str
) -> None:
    await configure(sessionmaker, settings)
    events = morning()
    events.agent("=cmd|calc", "-t9", at=-50)      # ids that a spreadsheet would read as formulas
    events.started("c8", 9500, customer="u9", channel="chat", category="退款")
    events.assigned("c8", 9510, "=cmd|calc")
    events.ended("c8", 9520, "resolved")
    await ingest(sessionmaker, settings, events.items)

    as_json = report(database_url, "--format", "json", "--group-by", "channel")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == await metric_records(sessionmaker, settings, group_by=["channel"])
    assert json.loads(as_json.stdout)[-1] == BY_CHANNEL[-1]  # phone, with nps −100

    as_csv = report(database_url, "--format", "csv", "--group-by", "agent,team", "--metrics", "nps,conversations,handled")
    assert as_csv.returncode == 0, as_csv.stderr
    assert as_csv.stdout.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(as_csv.stdout.decode("utf-8-sig"), newline="")))
    assert table == [
        ["agent_id", "team_id", "conversations", "handled", "nps"],
        ["'=cmd|calc", "'-t9", "1", "1", ""],
        ["a1", "t1", "3", "3", "0.0"],
        ["a2", "t1", "0", "0", ""],   # a2's reply at 1100, before its move to t2
        ["a2", "t2", "1", "1", ""],
        ["a3", "", "0", "0", ""],
    ]
    assert b"\r\n" in as_csv.stdout

    as_csv = report(database_url, "--format", "csv", "--group-by", "channel", "--metrics", "nps")
    assert as_csv.stdout.decode("utf-8-sig").splitlines()[-1] == "phone,-100.0"  # a number stays a number

    as_table = report(database_url, "--group-by", "category", "--metrics", "conversations,csat_avg", "--to", "2026-03-03")
    assert as_table.returncode == 0, as_table.stderr
    lines = as_table.stdout.decode("utf-8").splitlines()
    assert lines[0].split() == ["category", "conversations", "csat_avg"]
    assert [line.split() for line in lines[2:]] == [
        ["billing", "5", "4.0"], ["uncategorized", "1", "—"], ["退款", "2", "4.0"],
    ]
    widths = {display_width(line) for line in lines[1:]}  # every row as wide as the rule (退款 is 4 columns)
    assert widths == {display_width(lines[1])}

    everything = report(database_url, "--format", "json")
    assert json.loads(everything.stdout) == await metric_records(sessionmaker, settings)
    assert json.loads(everything.stdout)[0]["conversations"] == TOTAL["conversations"] + 1


async def test_report_agent_rows_match_the_hand_computed_ones(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, database_url: str
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, morning().items)
    found = report(database_url, "--format", "json", "--group-by", "agent", "--from", "2026-03-02", "--to", "2026-03-03T00:00:00+08:00")
    assert json.loads(found.stdout) == BY_AGENT


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--group-by", "day,hour"], "at most one time bucket"),
        (["--group-by", "agent,quarter"], "unknown dimension 'quarter'"),
        (["--metrics", "conversations,aht"], "unknown metric key(s): aht"),
        (["--from", "yesterday"], "--from: 'yesterday' is neither a date"),
        (["--format", "xml"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_with_status_2(arguments: list[str], message: str, tmp_path: Path) -> None:
    result = report(f"sqlite:///{tmp_path / 'unused.db'}", *arguments)
    assert result.returncode == 2
    assert message in result.stderr.decode("utf-8")
    assert result.stdout == b""

