"""Goals tests run in the organisation's zone, Asia/Shanghai (migrated SQLite and PostgreSQL per test)."""

from pathlib import Path

import pytest

from server.config import Settings


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, var_dir=tmp_path, demo=False, timezone="Asia/Shanghai")
