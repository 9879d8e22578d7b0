"""``coachloop report``: the same numbers as the query layer (as a real process), CSV and table output, bad arguments."""

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

from server.cli import build_parser
from server.config import Settings
from server.db import transaction
from server.metrics.cli import run_report
from server.metrics.formats import display_width, render_csv, render_table
from server.metrics.query import compute_metrics
from server.metrics.request import MetricsRequest
from server.metrics.state import read_state
from tests.metrics.helpers import configure, ingest, metric_records
from tests.metrics.scenario import BY_AGENT, BY_CHANNEL, morning

COACHLOOP = Path(sys.executable).parent / "coachloop"


def report(database_url: str, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment.update({"COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_TIMEZONE": "Asia/Shanghai"})
    return subprocess.run([str(COACHLOOP), "report", *arguments], capture_output=True, env=environment, timeout=120, check=False)


async def test_the_report_process_gives_the_query_layers_numbers(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, database_url: str
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, morning().items)
    found = report(database_url, "--format", "json", "--group-by", "agent", "--from", "2026-03-02", "--to", "2026-03-03T00:00:00+08:00")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == BY_AGENT
    assert json.loads(found.stdout) == await metric_records(sessionmaker, settings, group_by=["agent"])


async def test_csv_and_table(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await configure(sessionmaker, settings)
    events = morning()
    events.agent("=cmd|calc", "-t9", at=-50)      # ids that a spreadsheet would read as formulas
    events.started("c8", 9500, customer="u9", channel="chat", category="退款")
    events.assigned("c8", 9510, "=cmd|calc")
    events.ended("c8", 9520, "resolved")
    await ingest(sessionmaker, settings, events.items)

    async def rows(**fields: object) -> tuple[list, MetricsRequest]:
        request = MetricsRequest.of(**fields)  # type: ignore[arg-type]
        async with transaction(sessionmaker) as session:
            return await compute_metrics(session, request, settings=settings), request

    as_csv = render_csv(*await rows(group_by=["agent", "team"], metrics=["nps", "conversations", "handled"]))
    assert as_csv.startswith("\ufeff") and "\r\n" in as_csv
    assert list(csv.reader(io.StringIO(as_csv[1:], newline=""))) == [
        ["agent_id", "team_id", "conversations", "handled", "nps"],
        ["'=cmd|calc", "'-t9", "1", "1", ""],
        ["a1", "t1", "3", "3", "0.0"],
        ["a2", "t1", "0", "0", ""],   # a2's reply at 1100, before its move to t2
        ["a2", "t2", "1", "1", ""],
        ["a3", "", "0", "0", ""],
    ]
    as_csv = render_csv(*await rows(group_by=["channel"], metrics=["nps"]))
    assert as_csv.splitlines()[-1] == "phone,-100.0"  # a number stays a number
    assert BY_CHANNEL[-1]["nps"] == -100.0

    lines = render_table(*await rows(group_by=["category"], metrics=["conversations", "csat_avg"])).splitlines()
    assert lines[0].split() == ["category", "conversations", "csat_avg"]
    assert [line.split() for line in lines[2:]] == [["billing", "5", "4.0"], ["uncategorized", "1", "—"], ["退款", "2", "4.0"]]
    assert {display_width(line) for line in lines[1:]} == {display_width(lines[1])}  # 退款 takes four columns


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--group-by", "day,hour"], "at most one time bucket"),
        (["--group-by", "agent,quarter"], "unknown dimension 'quarter'"),
        (["--metrics", "conversations,aht"], "unknown metric key(s): aht"),
        (["--from", "yesterday"], "--from: 'yesterday' is neither a date"),
    ],
)
def test_bad_arguments_exit_with_status_2(arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_report(build_parser().parse_args(["report", *arguments])) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        build_parser().parse_args(["report", "--format", "xml"])
    assert raised.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


async def test_metrics_rebuild_command_rebuilds_in_the_configured_zone(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, database_url: str
) -> None:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, morning().items)
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment.update({"COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_TIMEZONE": "America/New_York"})
    result = subprocess.run([str(COACHLOOP), "metrics", "rebuild"], capture_output=True, env=environment, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    async with transaction(sessionmaker) as session:
        state = await read_state(session)
    assert state.config is not None and state.config.timezone == "America/New_York"
    # 09:00 on Monday in Shanghai is 20:00 on Sunday in New York; the facts are already in that zone.
    new_york = settings.model_copy(update={"timezone": "America/New_York"})
    assert await metric_records(sessionmaker, new_york, group_by=["week"], metrics=["conversations"]) == [
        {"bucket": "2026-02-23", "conversations": 7},
    ]
