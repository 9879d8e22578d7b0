"""A mistyped SQLite path fails without leaving a folder or an empty database behind; ``migrate`` creates them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from server.app import create_app
from server.config import Settings
from tests.ops.support import serve


def coachloop(database_url: str, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
    environment["COACHLOOP_DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *arguments], env=environment, stdin=subprocess.DEVNULL, capture_output=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["report", "--from", "2026-09-01", "--to", "2026-09-02"], "coachloop report: error: cannot read the database"),
        (["import", "-"], "coachloop import: cannot use the database: OperationalError: unable to open database file"),
    ],
)
def test_a_mistyped_path_fails_and_creates_nothing(tmp_path: Path, arguments: list[str], message: str) -> None:
    typo = tmp_path / "vra" / "coachloop.db"
    result = coachloop(f"sqlite:///{typo}", *arguments)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert sorted(tmp_path.iterdir()) == []


def test_migrate_creates_the_folder_and_the_database(tmp_path: Path) -> None:
    database = tmp_path / "var" / "coachloop.db"
    result = coachloop(f"sqlite:///{database}", "migrate")
    assert result.returncode == 0, result.stderr.decode()
    engine = create_engine(f"sqlite:///{database}")
    try:
        assert "event" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


async def test_the_api_reports_a_missing_database_without_creating_it(tmp_path: Path) -> None:
    typo = tmp_path / "vra" / "coachloop.db"
    async with serve(create_app(Settings(database_url=f"sqlite:///{typo}", temporal_address="127.0.0.1:1"))) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert sorted(tmp_path.iterdir()) == []
