"""``coachloop users import`` as a real process: idempotent, bad lines rejected with reasons and copied to the reject file."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry
from server.people.bulk import import_users
from server.people.records import UserRecord
from server.people.repository import DirectoryRepository

COACHLOOP = Path(sys.executable).parent / "coachloop"

LINES = [
    '{"user_id": "u-mgr", "display_name": "王经理", "roles": ["manager"], "teams": ["t-east"], "email": "wang@example.com"}',
    '{"user_id": "u-qa", "display_name": "QA One", "roles": ["qa_reviewer"], "pools": ["p-voice"], "language": "en",'
    ' "time_zone": "Europe/Paris", "quiet_hours": "22:00-07:30"}',
    "not json",
    '{"user_id": "u-bad", "display_name": "坏", "roles": ["wizard"], "language": "fr"}',
    "",
    '{"user_id": "u-mgr", "display_name": "重复"}',
    '{"display_name": "无名"}',
    '{"user_id": "a1", "display_name": "张三", "roles": ["agent"], "agent_id": "a1", "active": "yes"}',
    '{"user_id": "u-tz", "display_name": "时区", "time_zone": "Mars/Base", "quiet_hours": "25:00-01:00"}',
]
BAD = {3, 4, 6, 7, 9}

EXPECTED_REJECTIONS = [
    {"line": 3, "problems": [{"field": "", "code": "invalid_json", "message": "not JSON: Expecting value"}]},
    {"line": 4, "problems": [
        {"field": "language", "code": "unknown_language", "message": "language must be one of zh-CN, en"},
        {"field": "roles", "code": "unknown_role", "message": "unknown roles: wizard"},
    ]},
    {"line": 6, "problems": [{"field": "user_id", "code": "duplicate_user", "message": "u-mgr appears earlier in this file"}]},
    {"line": 7, "problems": [{"field": "user_id", "code": "missing_field", "message": "user_id is required"}]},
    {"line": 9, "problems": [
        {"field": "quiet_hours", "code": "invalid_quiet_hours", "message": "quiet hours must look like 22:00-07:00, got '25:00-01:00'"},
    ]},
]


def run(database_url: str, *arguments: str) -> dict[str, Any]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment["COACHLOOP_DATABASE_URL"] = database_url
    result = subprocess.run(
        [str(COACHLOOP), "users", "import", "--json", *arguments], capture_output=True, env=environment, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


async def test_import_twice_changes_nothing_the_second_time(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    source = tmp_path / "users.jsonl"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"

    first = run(database_url, str(source), "--reject-file", str(rejects))
    second = run(database_url, str(source))

    assert first == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 5, "rejections": EXPECTED_REJECTIONS}
    assert second == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 5, "rejections": EXPECTED_REJECTIONS}
    assert rejects.read_text(encoding="utf-8") == "".join(LINES[number - 1] + "\n" for number in sorted(BAD))
    async with sessionmaker() as session:
        stored = await DirectoryRepository(session).get_many(["u-mgr", "u-qa", "a1", "u-bad"])
        audited = (await session.execute(select(func.count()).select_from(AuditEntry))).scalar_one()
    assert sorted(stored) == ["a1", "u-mgr", "u-qa"]
    assert stored["u-qa"].with_changes(created_at_us=0, updated_at_us=0) == UserRecord(
        "u-qa", "QA One", language="en", time_zone="Europe/Paris", quiet_start_minute=22 * 60, quiet_end_minute=7 * 60 + 30,
        roles=frozenset({"qa_reviewer"}), pools=frozenset({"p-voice"}), source="import",
    )
    assert (stored["u-mgr"].teams, stored["a1"].agent_id) == (frozenset({"t-east"}), "a1")
    assert audited == 3  # one access change per created user; the second run changed nothing


async def test_csv_import_updates_what_changed_and_keeps_a_reimportable_reject_file(
    sessionmaker: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    header = "user_id,display_name,roles,teams,active"
    first = [header, "u-mgr,王经理,manager,t-east;t-west,true", "u-hr,人事,hr,,true"]
    second = [header, "u-mgr,王经理,manager,t-east,true", "u-hr,人事,hr,,maybe", "u-x,缺列"]
    rejects = tmp_path / "rejects.csv"

    created = await import_users(sessionmaker, first, csv_format=True, now_us=1)
    with rejects.open("w", encoding="utf-8") as stream:
        changed = await import_users(sessionmaker, second, csv_format=True, now_us=2, rejects=stream)

    assert (created.created, created.updated, created.unchanged, created.rejections) == (2, 0, 0, [])
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 0)
    assert [(rejection.line, [problem.code for problem in rejection.problems]) for rejection in changed.rejections] == [
        (3, ["invalid_boolean"]), (4, ["wrong_column_count"]),
    ]
    assert rejects.read_text(encoding="utf-8") == f"{header}\nu-hr,人事,hr,,maybe\nu-x,缺列\n"
    async with sessionmaker() as session:
        manager = await DirectoryRepository(session).get("u-mgr")
    assert manager is not None and manager.teams == frozenset({"t-east"})
