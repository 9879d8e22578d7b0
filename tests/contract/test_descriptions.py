"""Every type, field, argument, enum value and scalar of the contract is described in English and Chinese."""

from graphql import build_schema

from server.schema import schema
from tests.contract.descriptions import bilingual, undescribed


def test_the_whole_schema_is_described_in_both_languages() -> None:
    assert undescribed(schema._schema) == []  # noqa: SLF001  (graphql-core schema)


def test_the_check_finds_what_is_missing() -> None:
    sample = build_schema('''
        """A thing. / 一件事物。"""
        type Query { "Its name. / 名称。" name(upper: Boolean): String, size: Int }
        enum Size { "Small. / 小。" SMALL LARGE }
        "Only English here." input Filter { "Name. / 名称。" name: String }
    ''')
    assert undescribed(sample) == ["Filter", "Query.name(upper)", "Query.size", "Size", "Size.LARGE"]
    assert bilingual("Team. / 团队。") and not bilingual("团队") and not bilingual("Team")
