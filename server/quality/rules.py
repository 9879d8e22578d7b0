"""QA rules as data: parsed from YAML (``policies/qa-rules.yaml`` or an admin's edit), refused with the rule and field at fault.

A rule set is ``{"version_note": ..., "rules": [...]}``; every rule has an ``id``, a ``type``,
bilingual names, a ``severity``, optional ``channels``/``categories`` (empty: all) and the
fields of its type:

- ``forbidden``: ``phrases``, ``speaker`` (agent/customer/any), ``compliance`` (true: a compliance violation);
- ``required``: ``scenario`` (greeting/apology/confirmation/closing) and ``phrases``;
- ``regex``: ``pattern``, ``speaker``, ``mode`` (forbid: a match is a finding; require: no match is one);
- ``key_info``: ``pattern`` some message of the conversation must match (the order number, for example);
- ``timing``: ``limit_seconds`` and ``measure`` (first_response/every_response/silence);
- ``sentiment``: ``threshold`` (a customer message scoring at or below it is negative).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from server.quality.normalize import normalize_phrase

RULE_TYPES = ("forbidden", "required", "regex", "key_info", "timing", "sentiment")
SEVERITIES = ("critical", "major", "minor", "info")
SPEAKERS = ("agent", "customer", "any")
SCENARIOS = ("greeting", "apology", "confirmation", "closing")
TIMING_MEASURES = ("first_response", "every_response", "silence")
REGEX_MODES = ("forbid", "require")
DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "policies" / "qa-rules.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


class RuleError(ValueError):
    """A rule that cannot be used: which rule (its id or position) and which field."""

    def __init__(self, rule: str, field_name: str, message: str) -> None:
        super().__init__(f"rule {rule}: {field_name}: {message}")
        self.rule = rule
        self.field_name = field_name
        self.message = message


@dataclass(frozen=True)
class Rule:
    """One parsed rule (the fields its type does not use keep their defaults)."""

    id: str
    type: str
    name_zh: str
    name_en: str
    severity: str
    channels: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    speaker: str = "agent"
    compliance: bool = False
    phrases: tuple[str, ...] = ()
    normalized_phrases: tuple[str, ...] = ()
    scenario: str | None = None
    pattern: re.Pattern[str] | None = None
    mode: str = "forbid"
    measure: str | None = None
    limit_seconds: int = 0
    threshold: float = 0.0

    def applies_to(self, channel: str | None, category: str | None) -> bool:
        """Whether the rule covers a conversation of ``channel`` and ``category``."""
        return (not self.channels or channel in self.channels) and (not self.categories or category in self.categories)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    source: str = field(default="", compare=False)

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}


def _text(raw: dict[str, Any], key: str, rule: str, *, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RuleError(rule, key, "must be a non-empty text")
    return value.strip()


def _choice(raw: dict[str, Any], key: str, rule: str, choices: tuple[str, ...], default: str | None = None) -> str:
    value = raw.get(key, default)
    if value not in choices:
        raise RuleError(rule, key, f"must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def _labels(raw: dict[str, Any], key: str, rule: str) -> frozenset[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise RuleError(rule, key, "must be a list of non-empty texts")
    return frozenset(value)


def _phrases(raw: dict[str, Any], rule: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    value = raw.get("phrases")
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        raise RuleError(rule, "phrases", "must be a non-empty list of texts")
    normalized = tuple(normalize_phrase(item) for item in value)
    for phrase, folded in zip(value, normalized, strict=True):
        if not folded:
            raise RuleError(rule, "phrases", f"{phrase!r} has nothing left to match once normalised")
    return tuple(value), normalized


def _pattern(raw: dict[str, Any], rule: str) -> re.Pattern[str]:
    text = _text(raw, "pattern", rule)
    try:
        return re.compile(text)
    except re.error as error:
        raise RuleError(rule, "pattern", f"is not a valid regular expression ({error})") from None


def _number(raw: dict[str, Any], key: str, rule: str, *, low: float, high: float) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RuleError(rule, key, f"must be a number from {low:g} to {high:g}")
    return float(value)


def parse_rule(raw: Any, position: int) -> Rule:
    """One rule from its mapping; RuleError naming the rule (id, else ``#position``) and the field."""
    name = f"#{position + 1}"
    if not isinstance(raw, dict):
        raise RuleError(name, "rule", "must be a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleError(name, "id", "must be lower-case letters, digits, '_', '.' or '-' (1–64, starting with a letter)")
    kind = _choice(raw, "type", rule_id, RULE_TYPES)
    common: dict[str, Any] = {
        "id": rule_id, "type": kind,
        "name_zh": _text(raw, "name_zh", rule_id), "name_en": _text(raw, "name_en", rule_id),
        "severity": _choice(raw, "severity", rule_id, SEVERITIES),
        "channels": _labels(raw, "channels", rule_id), "categories": _labels(raw, "categories", rule_id),
    }
    if kind == "forbidden":
        phrases, normalized = _phrases(raw, rule_id)
        compliance = raw.get("compliance", False)
        if not isinstance(compliance, bool):
            raise RuleError(rule_id, "compliance", "must be true or false")
        return Rule(**common, phrases=phrases, normalized_phrases=normalized, compliance=compliance,
                    speaker=_choice(raw, "speaker", rule_id, SPEAKERS, "agent"))
    if kind == "required":
        phrases, normalized = _phrases(raw, rule_id)
        return Rule(**common, phrases=phrases, normalized_phrases=normalized,
                    scenario=_choice(raw, "scenario", rule_id, SCENARIOS))
    if kind == "regex":
        return Rule(**common, pattern=_pattern(raw, rule_id), speaker=_choice(raw, "speaker", rule_id, SPEAKERS, "agent"),
                    mode=_choice(raw, "mode", rule_id, REGEX_MODES, "forbid"))
    if kind == "key_info":
        return Rule(**common, pattern=_pattern(raw, rule_id), speaker=_choice(raw, "speaker", rule_id, SPEAKERS, "any"))
    if kind == "timing":
        return Rule(**common, measure=_choice(raw, "measure", rule_id, TIMING_MEASURES),
                    limit_seconds=int(_number(raw, "limit_seconds", rule_id, low=1, high=86_400)))
    return Rule(**common, threshold=_number(raw, "threshold", rule_id, low=-10, high=0))


def parse_rules(source: str) -> RuleSet:
    """A rule set from YAML text; RuleError for the first rule or field that is wrong."""
    try:
        document = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise RuleError("(document)", "yaml", f"is not valid YAML ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RuleError("(document)", "rules", "must be a list of rules")
    rules = tuple(parse_rule(raw, position) for position, raw in enumerate(document["rules"]))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(rule.id, "id", "is used by two rules")
        seen.add(rule.id)
    return RuleSet(rules, source)


def default_rules_text() -> str:
    """The shipped defaults (``policies/qa-rules.yaml``)."""
    return DEFAULT_RULES_PATH.read_text(encoding="utf-8")
