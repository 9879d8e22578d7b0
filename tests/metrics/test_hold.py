"""Where the upkeep hold's lock file lies for each form of SQLite URL the engines use."""

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from server.db import async_url, existing_sqlite_file
from server.metrics.hold import _hold_file  # noqa: PLC2701  (the rule under test)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////srv/data/app.db", Path("/srv/data/app.db-upkeep.lock")),
        (existing_sqlite_file("sqlite:////srv/数据/app.db"), Path("/srv/数据/app.db-upkeep.lock")),
        (async_url(existing_sqlite_file("sqlite:///var/coachloop.db")), Path("var/coachloop.db-upkeep.lock")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
    ],
)
def test_the_hold_file_lies_beside_the_database_file(url: str, expected: Path | None) -> None:
    assert _hold_file(make_url(url)) == expected
