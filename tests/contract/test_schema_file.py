"""frontend-contract/schema.graphql is exactly the schema the code prints."""

from pathlib import Path

from server.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "frontend-contract" / "schema.graphql"


def test_schema_file_matches_code() -> None:
    printed = schema.as_str().rstrip("\n") + "\n"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed, (
        "frontend-contract/schema.graphql is stale: run `make schema` and review the diff"
    )
