"""Scorecards (评分表): weighted dimensions of items, critical items, not-applicable items; exact scoring.

An item's value is a fraction in [0, 1] or None (not applicable). A dimension scores
Σ points·value / Σ points over its applicable items; a dimension with none applicable
leaves the total, whose weights are renormalised over the dimensions that remain:

    total = 100 · Σ_d weight_d · score_d / Σ_d weight_d        (applicable dimensions)

A critical item below 1 fails the whole review: the score is 0 and ``critical_failed``
is set. Scores are kept exactly (``Fraction``) and stored as thousandths rounded half to even.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import yaml

from server.quality.engine import CheckResult, ConversationRecord
from server.quality.rules import DEFAULT_RULES_PATH, RuleError

ITEM_SOURCES = ("rules", "resolved", "csat", "handle_time", "manual")


@dataclass(frozen=True)
class Item:
    key: str
    name_zh: str
    name_en: str
    points: int
    source: str
    critical: bool = False
    rules: tuple[str, ...] = ()
    min_seconds: int = 0
    max_seconds: int = 0


@dataclass(frozen=True)
class Dimension:
    key: str
    name_zh: str
    name_en: str
    weight: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Scorecard:
    name_zh: str
    name_en: str
    pass_score: int
    dimensions: tuple[Dimension, ...]

    def items(self) -> dict[str, Item]:
        return {item.key: item for dimension in self.dimensions for item in dimension.items}


@dataclass(frozen=True)
class ScoreResult:
    score: Fraction
    critical_failed: bool
    dimensions: dict[str, Fraction | None]
    items: dict[str, Fraction | None]

    @property
    def score_milli(self) -> int:
        return round(self.score * 1000)


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleError(where, key, "must be a non-empty text")
    return value


def _positive(raw: Mapping[str, Any], key: str, where: str, *, allow_zero: bool = False) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < (0 if allow_zero else 1):
        raise RuleError(where, key, "must be a whole number" + (" ≥ 0" if allow_zero else " ≥ 1"))
    return value


def _item(raw: Any, where: str) -> Item:
    if not isinstance(raw, dict):
        raise RuleError(where, "item", "must be a mapping")
    key = _text(raw, "key", where)
    where = f"{where}.{key}"
    source = raw.get("source")
    if source not in ITEM_SOURCES:
        raise RuleError(where, "source", f"must be one of {', '.join(ITEM_SOURCES)}")
    rules = raw.get("rules", [])
    if source == "rules" and (not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules)):
        raise RuleError(where, "rules", "must list the rule ids the item checks")
    critical = raw.get("critical", False)
    if not isinstance(critical, bool):
        raise RuleError(where, "critical", "must be true or false")
    low = _positive(raw, "min_seconds", where, allow_zero=True) if source == "handle_time" else 0
    high = _positive(raw, "max_seconds", where) if source == "handle_time" else 0
    if source == "handle_time" and high <= low:
        raise RuleError(where, "max_seconds", "must be above min_seconds")
    return Item(key, _text(raw, "name_zh", where), _text(raw, "name_en", where), _positive(raw, "points", where),
                source, critical, tuple(rules), low, high)


def parse_scorecard(raw: Any) -> Scorecard:
    """A scorecard from its mapping; RuleError naming the dimension or item and the field at fault."""
    if not isinstance(raw, dict):
        raise RuleError("scorecard", "definition", "must be a mapping")
    dimensions_raw = raw.get("dimensions")
    if not isinstance(dimensions_raw, list) or not dimensions_raw:
        raise RuleError("scorecard", "dimensions", "must be a non-empty list")
    dimensions = []
    seen: set[str] = set()
    for position, dimension in enumerate(dimensions_raw):
        where = f"dimension #{position + 1}"
        if not isinstance(dimension, dict):
            raise RuleError(where, "dimension", "must be a mapping")
        key = _text(dimension, "key", where)
        items_raw = dimension.get("items")
        if not isinstance(items_raw, list) or not items_raw:
            raise RuleError(key, "items", "must be a non-empty list")
        items = tuple(_item(item, key) for item in items_raw)
        for item in items:
            if item.key in seen:
                raise RuleError(f"{key}.{item.key}", "key", "is used twice")
            seen.add(item.key)
        dimensions.append(Dimension(key, _text(dimension, "name_zh", key), _text(dimension, "name_en", key),
                                    _positive(dimension, "weight", key), items))
    pass_score = raw.get("pass_score", 80)
    if isinstance(pass_score, bool) or not isinstance(pass_score, int) or not 0 <= pass_score <= 100:
        raise RuleError("scorecard", "pass_score", "must be a whole number from 0 to 100")
    return Scorecard(_text(raw, "name_zh", "scorecard"), _text(raw, "name_en", "scorecard"), pass_score, tuple(dimensions))


def scorecard_json(raw: Mapping[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=False, sort_keys=True)


def default_scorecard_definition() -> dict[str, Any]:
    """The ``default_scorecard`` of ``policies/qa-rules.yaml``."""
    return dict(yaml.safe_load(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))["default_scorecard"])


def score(card: Scorecard, values: Mapping[str, Fraction | None]) -> ScoreResult:
    """The exact score of item ``values`` (missing keys: not applicable)."""
    items = {key: values.get(key) for key in card.items()}
    critical_failed = False
    for item in card.items().values():
        value = items[item.key]
        if item.critical and value is not None and value < 1:
            critical_failed = True
    dimensions: dict[str, Fraction | None] = {}
    for dimension in card.dimensions:
        applicable = [(item.points, items[item.key]) for item in dimension.items if items[item.key] is not None]
        total_points = sum(points for points, _ in applicable)
        dimensions[dimension.key] = (
            sum((points * value for points, value in applicable if value is not None), Fraction(0)) / total_points
            if total_points else None
        )
    weights = [(d.weight, dimensions[d.key]) for d in card.dimensions if dimensions[d.key] is not None]
    weight_total = sum(weight for weight, _ in weights)
    raw = (
        100 * sum((weight * value for weight, value in weights if value is not None), Fraction(0)) / weight_total
        if weight_total else Fraction(0)
    )
    return ScoreResult(Fraction(0) if critical_failed else raw, critical_failed, dimensions, items)


def automatic_values(card: Scorecard, conversation: ConversationRecord, check: CheckResult) -> dict[str, Fraction | None]:
    """Item values of an automatic review: from the rule findings and the conversation's outcome."""
    fired = {finding.rule_id for finding in check.findings}
    values: dict[str, Fraction | None] = {}
    for key, item in card.items().items():
        if item.source == "rules":
            applied = [rule for rule in item.rules if rule in check.applied]
            values[key] = Fraction(sum(1 for r in applied if r not in fired), len(applied)) if applied else None
        elif item.source == "resolved":
            values[key] = None if conversation.resolved is None else Fraction(int(conversation.resolved))
        elif item.source == "csat":
            values[key] = None if conversation.csat is None else Fraction(conversation.csat - 1, 4)
        elif item.source == "handle_time":
            handle = conversation.handle_us
            values[key] = None if handle is None else Fraction(
                int(item.min_seconds * 1_000_000 <= handle <= item.max_seconds * 1_000_000)
            )
        else:
            values[key] = None
    return values


def values_json(values: Mapping[str, Fraction | None]) -> str:
    """Item values as JSON: fractions as ``"n/d"`` texts, None as null."""
    return json.dumps({key: None if value is None else str(value) for key, value in sorted(values.items())})


def values_from_json(text: str) -> dict[str, Fraction | None]:
    return {key: None if value is None else Fraction(value) for key, value in json.loads(text).items()}
