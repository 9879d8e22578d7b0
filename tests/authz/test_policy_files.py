"""The policy files and the schema agree: every field has a rule, deny by default, the matrix is current."""

import strawberry
from graphql import GraphQLNonNull, GraphQLObjectType

from server.authz.authorization import Authorization
from server.authz.fields import GuardedSchema, schema_field_objects
from server.authz.matrix import default_matrix
from server.authz.policy import ROW_SCOPED_OBJECTS, PolicyRule, compile_snapshot, read_default_rules
from server.config import POLICIES_DIR
from server.schema import schema
from tests.authz.matrix import EXPECTED, GRAPHQL_TYPES, PATHS, ROOT_SCALARS
from tests.authz.test_mutation_matrix import MUTATION_PATHS
from tests.authz.world import PRINCIPALS, ROLES, Api

FIELD_OBJECTS = schema_field_objects(schema)
DEFAULT_RULES = read_default_rules(POLICIES_DIR)


def test_every_schema_field_has_an_explicit_rule_in_the_policy_file() -> None:
    granted = {(rule.object, rule.action) for rule in DEFAULT_RULES if rule.kind == "p"}
    missing = sorted(obj for obj, action in FIELD_OBJECTS.items() if (obj, action) not in granted)
    assert missing == [], "fields without a policy entry are denied to everyone; add them to policies/policy.csv"


def test_every_rule_names_a_schema_field_or_a_record_type() -> None:
    stale = sorted(
        rule.casbin_line() for rule in DEFAULT_RULES
        if rule.kind == "p" and FIELD_OBJECTS.get(rule.object) != rule.action and rule.object not in ROW_SCOPED_OBJECTS
    )
    assert stale == []


def test_every_type_and_root_field_is_on_an_access_path_of_the_matrix() -> None:
    targets = {path.target for path in PATHS} | {path.target for path in MUTATION_PATHS}
    targets |= {type_name for path in MUTATION_PATHS for type_name, _steps in path.also}
    object_types = {
        name for name, graphql_type in GRAPHQL_TYPES.items()
        if isinstance(graphql_type, GraphQLObjectType) and not name.startswith("__") and name not in ("Query", "Mutation", "Subscription")
    }
    roots = {path.gates[0] for path in PATHS} | {path.gates[0] for path in MUTATION_PATHS} | set(ROOT_SCALARS)
    root_fields = {obj for obj in FIELD_OBJECTS if obj.startswith(("Query.", "Mutation."))}
    assert sorted(object_types - targets) == []
    assert sorted(root_fields - roots) == []


def test_fields_some_reader_of_the_type_may_not_see_are_nullable() -> None:
    """A denied or masked field answers null; it must be nullable so the rest of the object survives."""
    offending = []
    for obj in FIELD_OBJECTS:
        type_name, _, field_name = obj.partition(".")
        if type_name in ("Query", "Mutation", "Subscription"):  # root fields: refused as a whole, never answered null
            continue
        readers = {role for role in ROLES if any(EXPECTED.scopes([role], other, "read") for other in FIELD_OBJECTS if other.startswith(type_name + "."))}
        full = {role for role in ROLES if "full" in EXPECTED.scopes([role], obj, "read")}
        required = isinstance(GRAPHQL_TYPES[type_name].fields[field_name].type, GraphQLNonNull)
        if required and readers - full:
            offending.append(obj)
    assert offending == []


def test_policies_readme_is_generated_from_the_policy_files() -> None:
    assert (POLICIES_DIR / "README.md").read_text(encoding="utf-8") == default_matrix(), (
        "policies/README.md is stale: run `python -m server.authz.matrix > policies/README.md`"
    )


@strawberry.type(name="Secret")
class SecretType:
    shown: str
    added_later: str | None


@strawberry.type(name="Query")
class SecretQuery:
    @strawberry.field
    def secret(self) -> SecretType:
        return SecretType(shown="ok", added_later="should not leak")


async def test_a_field_without_a_policy_entry_is_denied_even_to_admins(world: Api) -> None:
    """A schema grows a field (Secret.addedLater) the policy does not name: it answers FORBIDDEN, not data."""
    guarded = GuardedSchema(query=SecretQuery)
    rules = [*DEFAULT_RULES, PolicyRule("p", "admin", "Query.secret", "read", "full"), PolicyRule("p", "admin", "Secret.shown", "read", "full")]
    context = world.context()
    context.principal = PRINCIPALS["admin"]
    context.authorization = Authorization(PRINCIPALS["admin"], compile_snapshot(POLICIES_DIR, rules, revision=0))
    result = await guarded.execute("{ secret { shown addedLater } }", context_value=context)
    assert result.data == {"secret": {"shown": "ok", "addedLater": None}}
    assert [(error.message, error.path) for error in result.errors] == [
        ("not allowed to read Secret.addedLater", ["secret", "addedLater"])
    ]


async def test_root_scalar_fields_follow_the_policy(world: Api) -> None:
    for obj, (query, records) in ROOT_SCALARS.items():
        for role in ROLES:
            result = await world.execute(query, role=role)
            allowed = "full" in EXPECTED.scopes([role], obj, "read") and all(EXPECTED.scopes([role], r, "read") for r in records)
            if allowed:
                assert result.errors is None, (obj, role)
                assert result.data[obj.partition(".")[2]] is not None
            else:
                assert result.data is None
                assert [error.extensions["code"] for error in result.errors] == ["FORBIDDEN"]
