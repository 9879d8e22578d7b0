"""The error-code reference: every code has a meaning in both languages, and frontend-contract/README.md holds
exactly what ``python -m server.error_reference`` prints."""

from server.error_reference import error_reference, with_reference
from server.errors import ERROR_CODE_MEANINGS, ErrorCode
from server.ingestion.codes import REJECTION_MEANINGS, RejectionCode
from server.schema import schema
from tests.contract.operations import CONTRACT


def test_every_code_has_a_meaning_in_english_and_chinese() -> None:
    assert set(ERROR_CODE_MEANINGS) == set(ErrorCode)
    assert set(REJECTION_MEANINGS) == set(RejectionCode)
    for meaning in [*ERROR_CODE_MEANINGS.values(), *REJECTION_MEANINGS.values()]:
        assert meaning.en.endswith(".") and meaning.zh.endswith("。"), meaning


def test_the_graphql_rejection_codes_are_the_documented_ones() -> None:
    enum = schema._schema.type_map["IngestErrorCode"]  # noqa: SLF001  (graphql-core schema)
    assert {name: value.description for name, value in enum.values.items()} == {
        code.name: REJECTION_MEANINGS[code].bilingual for code in RejectionCode
    }


def test_the_readme_holds_the_generated_reference() -> None:
    readme = (CONTRACT / "README.md").read_text(encoding="utf-8")
    assert error_reference() in readme
    assert with_reference(readme) == readme, (
        "frontend-contract/README.md's error reference is stale: "
        "run `python -m server.error_reference --update frontend-contract/README.md`"
    )
