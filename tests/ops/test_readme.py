"""The README's configuration table lists every setting, and nothing that is not one."""

import re
from pathlib import Path

from server.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"
TABLE_ROW = re.compile(r"^\|\s*`(COACHLOOP_[A-Z0-9_]+)`\s*\|", re.MULTILINE)


def documented_variables() -> list[str]:
    return TABLE_ROW.findall(README.read_text(encoding="utf-8"))


def test_every_setting_has_a_row_in_the_readme_table() -> None:
    expected = {f"COACHLOOP_{name.upper()}" for name in Settings.model_fields}
    assert sorted(expected - set(documented_variables())) == []


def test_the_readme_table_documents_only_real_settings_once() -> None:
    documented = documented_variables()
    assert len(documented) == len(set(documented))
    assert sorted(set(documented) - {f"COACHLOOP_{name.upper()}" for name in Settings.model_fields}) == []


def test_make_up_and_make_test_come_first() -> None:
    sections = re.split(r"^## ", README.read_text(encoding="utf-8"), flags=re.MULTILINE)
    first_section = sections[1]
    assert first_section.startswith("Quick start\n")
    assert "make up " in first_section and "make test " in first_section
