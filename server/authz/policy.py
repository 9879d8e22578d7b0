"""Casbin policies compiled into an immutable snapshot that every request reads from.

The default rules live in ``policies/policy.csv``; changes made at run time are
stored in the database and applied over them (server/authz/store.py). A snapshot is
built by loading the effective rules into the real Casbin enforcer and asking it,
for every role, which (object, action) pairs it grants with which scopes.
"""

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import casbin
from casbin.persist.adapters import StringAdapter

from server.kernel.feature import Feature
from server.kernel.installed import installed_features

MODEL_FILE = "model.conf"
GROUP_PREFIX = "group:"
POLICY_FILE = "policy.csv"


class Scope(StrEnum):
    """The fourth value of a ``p`` rule: how much of the object the role gets."""

    FULL = "full"
    MASKED = "masked"
    ALL = "all"
    TEAM = "team"
    OWN = "own"
    ASSIGNED = "assigned"
    AGGREGATE = "aggregate"
    TEAM_AGGREGATE = "team_aggregate"


FIELD_SCOPES = frozenset({Scope.FULL, Scope.MASKED})
FIELD_ACTIONS = frozenset({"read", "write"})
"""``read`` for Query and object fields, ``write`` for Mutation fields."""
INDIVIDUAL_SCOPES = frozenset({Scope.ALL, Scope.TEAM, Scope.OWN, Scope.ASSIGNED})
"""Row scopes that show individual rows; the aggregate scopes never do."""

def row_scoped_objects(features: Sequence[Feature]) -> dict[str, dict[str, frozenset[str]]]:
    """Record types whose rows are scoped per role, as ``features`` declare them: type → action → scopes."""
    objects: dict[str, dict[str, frozenset[str]]] = {}
    for feature in features:
        for record in feature.scoped_records:
            actions = objects.setdefault(record.name, {})
            if record.action in actions:
                raise ValueError(f"{record.name} {record.action}: declared twice")
            actions[record.action] = record.scopes
    return objects


class _DeclaredRecords(Mapping[str, Mapping[str, frozenset[str]]]):
    """``row_scoped_objects`` of the feature list, read on use (the list imports this module)."""

    def _current(self) -> dict[str, dict[str, frozenset[str]]]:
        return row_scoped_objects(installed_features())

    def __getitem__(self, name: str) -> Mapping[str, frozenset[str]]:
        return self._current()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


ROW_SCOPED_OBJECTS: Mapping[str, Mapping[str, frozenset[str]]] = _DeclaredRecords()
"""Record types whose rows are scoped per role: action → the scopes it supports."""


@dataclass(frozen=True, order=True)
class PolicyRule:
    """One rule: ``p, subject, object, action, scope`` or ``g, member, role``."""

    kind: str
    subject: str
    object: str
    action: str = ""
    scope: str = ""

    def casbin_line(self) -> str:
        values = [self.subject, self.object] if self.kind == "g" else [self.subject, self.object, self.action, self.scope]
        return ", ".join([self.kind, *values])


def parse_rules(lines: Iterable[str]) -> list[PolicyRule]:
    """Rules from CSV lines; blank lines and ``#`` comments are skipped."""
    rules: list[PolicyRule] = []
    for number, row in enumerate(csv.reader(lines, skipinitialspace=True), start=1):
        values = [value.strip() for value in row]
        if not values or not values[0] or values[0].startswith("#"):
            continue
        if values[0] == "p" and len(values) == 5:
            rules.append(PolicyRule("p", values[1], values[2], values[3], values[4]))
        elif values[0] == "g" and len(values) == 3:
            rules.append(PolicyRule("g", values[1], values[2]))
        else:
            raise ValueError(f"policy line {number}: expected 'p, sub, obj, act, scope' or 'g, member, role'")
    return rules


def read_default_rules(policies_dir: Path) -> list[PolicyRule]:
    """The rules of ``policies/policy.csv``."""
    with (policies_dir / POLICY_FILE).open(encoding="utf-8") as handle:
        return parse_rules(handle)


def validate_scope(rule: PolicyRule) -> None:
    """A p rule's scope must fit its object: field scopes for fields, row scopes for record types."""
    if rule.kind != "p":
        return
    if "." in rule.object:
        if rule.action not in FIELD_ACTIONS:
            raise ValueError(f"{rule.object}: a field's action is one of {sorted(FIELD_ACTIONS)}, not {rule.action!r}")
        if rule.scope not in FIELD_SCOPES:
            raise ValueError(f"{rule.object}: a field's scope is one of {sorted(map(str, FIELD_SCOPES))}, not {rule.scope!r}")
        return
    actions = ROW_SCOPED_OBJECTS.get(rule.object)
    if actions is None:
        raise ValueError(f"unknown object {rule.object!r}: expected Type.field or one of {sorted(ROW_SCOPED_OBJECTS)}")
    if rule.action not in actions:
        raise ValueError(f"{rule.object}: action is one of {sorted(actions)}, not {rule.action!r}")
    if rule.scope not in actions[rule.action]:
        raise ValueError(f"{rule.object} {rule.action}: scope is one of {sorted(actions[rule.action])}, not {rule.scope!r}")


@dataclass(frozen=True)
class PolicySnapshot:
    """Compiled grants: (role, object, action) → scopes; immutable, swapped whole on reload."""

    revision: int
    rules: tuple[PolicyRule, ...]
    grants: Mapping[tuple[str, str, str], frozenset[str]]
    roles: frozenset[str]

    def scopes(self, roles: Iterable[str], obj: str, action: str) -> frozenset[str]:
        """The union of the scopes every one of ``roles`` has on ``obj`` for ``action``.

        Permission groups (``group:…``) are not roles: a token naming one gets nothing from it.
        """
        found: set[str] = set()
        for role in roles:
            if role.startswith(GROUP_PREFIX):
                continue
            found |= self.grants.get((role, obj, action), frozenset())
        return frozenset(found)


def compile_snapshot(policies_dir: Path, rules: Iterable[PolicyRule], revision: int) -> PolicySnapshot:
    """Load ``rules`` into a Casbin enforcer and record what it grants each role."""
    ordered = tuple(sorted(set(rules)))
    for rule in ordered:
        validate_scope(rule)
    lines = "\n".join(rule.casbin_line() for rule in ordered) or "\n"
    # Rules indexed by (object, action) so each check evaluates only the rules on that pair.
    enforcer = casbin.FastEnforcer(str(policies_dir / MODEL_FILE), StringAdapter(lines), cache_key_order=[1, 2])
    roles = {rule.subject for rule in ordered if rule.kind == "p"}
    roles |= {rule.subject for rule in ordered if rule.kind == "g"} | {rule.object for rule in ordered if rule.kind == "g"}
    grants: dict[tuple[str, str, str], set[str]] = {}
    for role in roles:
        for _holder, obj, action, scope in enforcer.get_implicit_permissions_for_user(role):
            grants.setdefault((role, obj, action), set()).add(scope)
    for (role, obj, action) in grants:
        if not enforcer.enforce(role, obj, action):
            raise RuntimeError(f"policy model disagrees with implicit permissions for {role} {obj} {action}")
    return PolicySnapshot(
        revision=revision,
        rules=ordered,
        grants={key: frozenset(scopes) for key, scopes in grants.items()},
        roles=frozenset(roles),
    )
