"""Breaking-change control: the current schema keeps the released one, except where the released schema
deprecated what goes (tests/contract/compatibility.py); the rule itself on small schemas."""

import pytest
from graphql import build_schema, find_breaking_changes

from server.schema import schema
from tests.contract.compatibility import unannounced_breaks
from tests.contract.operations import CONTRACT

RELEASED = CONTRACT / "released" / "schema.graphql"


def test_the_current_schema_keeps_the_released_contract() -> None:
    released = build_schema(RELEASED.read_text(encoding="utf-8"))
    current = build_schema(schema.as_str())
    assert unannounced_breaks(released, current) == [], (
        "the schema breaks the released contract: deprecate first (and remove in a later release), "
        "or release a new version (frontend-contract/released/schema.graphql + CHANGELOG.md)"
    )


BASE = """
type Query {
  team(id: ID!): Team
  teams: [Team!]! @deprecated(reason: "Use team.")
  legacy: Legacy @deprecated(reason: "Gone in v2.")
  count(team: ID, old: String @deprecated(reason: "Unused.")): Int
  mixed: Mixed
}
type Team { id: ID! name: String! code: String @deprecated(reason: "Use id.") }
type Legacy { id: ID! }
type Mixed { a: Int }
enum Channel { CHAT PHONE FAX @deprecated(reason: "No more fax.") }
input Filter { channel: Channel old: String @deprecated(reason: "Unused.") }
type Mutation { act(filter: Filter): Int }
"""


def _without(*snippets: str, replace: dict[str, str] | None = None) -> str:
    text = BASE
    for snippet in snippets:
        assert snippet in text, snippet
        text = text.replace(snippet, "")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text


CASES = {
    "unchanged": (BASE, []),
    "deprecated field removed": (_without('  teams: [Team!]! @deprecated(reason: "Use team.")\n'), []),
    "deprecated field of an object removed": (_without(' code: String @deprecated(reason: "Use id.")'), []),
    "deprecated field retyped": (_without(replace={"code: String @deprecated": "code: Int @deprecated"}), []),
    "field removed without deprecation": (
        _without(" name: String!"), ["FIELD_REMOVED: Field Team.name was removed."]),
    "field retyped without deprecation": (
        _without(replace={"name: String!": "name: Int!"}), ["FIELD_CHANGED_KIND: Field Team.name changed type from String! to Int!."]),
    "deprecated enum value removed": (_without(' FAX @deprecated(reason: "No more fax.")'), []),
    "enum value removed without deprecation": (
        _without(" PHONE"), ["VALUE_REMOVED_FROM_ENUM: Enum value Channel.PHONE was removed."]),
    "deprecated argument removed": (_without(', old: String @deprecated(reason: "Unused.")'), []),
    "argument removed without deprecation": (
        _without("team: ID, "), ["ARG_REMOVED: Argument Query.count(team:) was removed."]),
    "required argument added to a deprecated field": (
        _without(replace={"teams: [Team!]!": "teams(first: Int!): [Team!]!"}), []),
    "required argument added": (
        _without(replace={"team(id: ID!)": "team(id: ID!, at: String!)"}), ["REQUIRED_ARG_ADDED: A required argument Query.team(at:) was added."]),
    "deprecated input field removed": (_without(' old: String @deprecated(reason: "Unused.")'), []),
    "input field removed without deprecation": (
        _without(" channel: Channel"), ["FIELD_REMOVED: Field Filter.channel was removed."]),
    "type removed with its deprecated field": (
        _without('  legacy: Legacy @deprecated(reason: "Gone in v2.")\n', "type Legacy { id: ID! }\n"), []),
    "type removed with a field that was not deprecated": (
        _without("  mixed: Mixed\n", "type Mixed { a: Int }\n"),
        ["FIELD_REMOVED: Field Query.mixed was removed.", "TYPE_REMOVED: Mixed was removed."]),
    "type changes kind": (
        _without(replace={"type Mixed { a: Int }": "interface Mixed { a: Int }\ntype MixedOne implements Mixed { a: Int }"}),
        ["TYPE_CHANGED_KIND: Mixed changed from an Object type to an Interface type."]),
    "required input field added": (
        _without(replace={"input Filter {": "input Filter { team: ID!"}),
        ["REQUIRED_INPUT_FIELD_ADDED: A required field Filter.team was added."]),
}


@pytest.mark.parametrize(("current", "expected"), CASES.values(), ids=CASES.keys())
def test_the_deprecation_rule(current: str, expected: list[str]) -> None:
    released, changed = build_schema(BASE), build_schema(current)
    assert (find_breaking_changes(released, changed) == []) == (current == BASE)
    assert unannounced_breaks(released, changed) == expected
