"""Coaching rules: one condition mapped to actions, validated field by field, versioned in the database.

The defaults live in ``policies/coaching-rules.yaml`` (version 0); each edit an administrator
makes is stored as the next version. A rule set that fails validation is refused as a whole,
with the first problem naming the rule and the field at fault.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.library import Library, load_library
from server.coaching.models import CoachingRuleVersion
from server.config import POLICIES_DIR
from server.metrics.api import METRICS_BY_KEY

RULES_FILE = "coaching-rules.yaml"
DEFAULT_VERSION = 0

CONDITIONS: dict[str, dict[str, type]] = {
    "behind_consecutive": {"checks": int},
    "falling_trend": {"metric": str, "weeks": int},
    "kb_search_below": {"level": float, "category": str},
    "abandonment_peak": {"level": float},
    "qa_dimension_below": {"dimension": str, "level": float},
}
"""Condition type → its parameters and their types."""
OPTIONAL = {"category"}
ACTIONS: dict[str, dict[str, type]] = {
    "assign_training_path": {"path": str},
    "suggest_script_templates": {"limit": int},
    "open_kb_task": {"category": str},
    "suggest_staffing": {},
    "book_one_to_one": {"due_days": int},
}
ACTION_DEFAULTS: dict[str, dict[str, Any]] = {
    "suggest_script_templates": {"limit": 3},
    "book_one_to_one": {"due_days": 3},
}
AGENT_ACTIONS = frozenset({"assign_training_path", "suggest_script_templates", "book_one_to_one"})
"""Actions about one agent; a team's or the organisation's condition skips them."""
QA_DIMENSIONS = frozenset({"qa_score_avg"})
MAX_RULES = 100


class RuleProblem(ValueError):
    """A rule set refused: ``path`` is the field at fault, from the list of rules down."""

    def __init__(self, message: str, path: Sequence[str]) -> None:
        super().__init__(message)
        self.message = message
        self.path = tuple(path)


@dataclass(frozen=True)
class Action:
    type: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    id: str
    name_zh: str
    name_en: str
    enabled: bool
    condition_type: str
    condition: Mapping[str, Any]
    actions: tuple[Action, ...]

    def as_document(self) -> dict[str, Any]:
        return {
            "id": self.id, "name_zh": self.name_zh, "name_en": self.name_en, "enabled": self.enabled,
            "condition": {"type": self.condition_type, **self.condition},
            "actions": [{"type": action.type, **action.params} for action in self.actions],
        }


@dataclass(frozen=True)
class RuleSet:
    version: int
    rules: tuple[Rule, ...]
    created_by: str | None = None
    created_at_us: int | None = None
    library: Library = field(default_factory=load_library, compare=False)

    def enabled_with(self, condition_type: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.enabled and rule.condition_type == condition_type]


def _typed(value: Any, wanted: type, where: str, path: Sequence[str]) -> Any:
    if wanted is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if wanted is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if wanted is str and isinstance(value, str) and value.strip():
        return value.strip()
    raise RuleProblem(f"{where}: expected {wanted.__name__}, got {value!r}", path)


def _params(raw: Mapping[str, Any], spec: Mapping[str, type], where: str, path: Sequence[str]) -> dict[str, Any]:
    unknown = sorted(set(raw) - set(spec) - {"type"})
    if unknown:
        raise RuleProblem(f"{where}: unknown field {unknown[0]!r}", (*path, unknown[0]))
    found: dict[str, Any] = {}
    for name, wanted in spec.items():
        if name not in raw or raw[name] is None:
            if name in OPTIONAL:
                continue
            raise RuleProblem(f"{where}: {name} is required", (*path, name))
        found[name] = _typed(raw[name], wanted, f"{where}: {name}", (*path, name))
    return found


def _check_condition(kind: str, params: dict[str, Any], rule_id: str, path: Sequence[str]) -> None:
    where = f"rule {rule_id!r} condition"
    if kind == "behind_consecutive" and params["checks"] < 1:
        raise RuleProblem(f"{where}: checks must be at least 1", (*path, "checks"))
    if kind == "falling_trend":
        if params["metric"] not in METRICS_BY_KEY:
            raise RuleProblem(f"{where}: unknown metric {params['metric']!r}", (*path, "metric"))
        if not 2 <= params["weeks"] <= 26:
            raise RuleProblem(f"{where}: weeks must be between 2 and 26", (*path, "weeks"))
    if kind in ("kb_search_below", "abandonment_peak") and not 0 <= params["level"] <= 1:
        raise RuleProblem(f"{where}: level is a share between 0 and 1", (*path, "level"))
    if kind == "qa_dimension_below" and params["dimension"] not in QA_DIMENSIONS:
        raise RuleProblem(f"{where}: unknown QA dimension {params['dimension']!r}", (*path, "dimension"))


def _check_action(kind: str, params: dict[str, Any], library: Library, rule_id: str, path: Sequence[str]) -> None:
    where = f"rule {rule_id!r} action {kind}"
    if kind == "assign_training_path" and params["path"] not in library.paths:
        raise RuleProblem(f"{where}: unknown training path {params['path']!r}", (*path, "path"))
    if kind == "suggest_script_templates" and not 1 <= params["limit"] <= 10:
        raise RuleProblem(f"{where}: limit must be between 1 and 10", (*path, "limit"))
    if kind == "book_one_to_one" and not 1 <= params["due_days"] <= 60:
        raise RuleProblem(f"{where}: due_days must be between 1 and 60", (*path, "due_days"))


def _rule(raw: Any, index: int, library: Library) -> Rule:
    path = (str(index),)
    if not isinstance(raw, Mapping):
        raise RuleProblem(f"rule #{index + 1}: expected an object", path)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip() or len(rule_id) > 64:
        raise RuleProblem(f"rule #{index + 1}: id is required (at most 64 characters)", (*path, "id"))
    names = {name: raw.get(name) for name in ("name_zh", "name_en")}
    for name, value in names.items():
        if not isinstance(value, str) or not value.strip():
            raise RuleProblem(f"rule {rule_id!r}: {name} is required", (*path, name))
    condition = raw.get("condition")
    if not isinstance(condition, Mapping) or condition.get("type") not in CONDITIONS:
        known = ", ".join(CONDITIONS)
        raise RuleProblem(f"rule {rule_id!r}: condition type must be one of {known}", (*path, "condition", "type"))
    kind = condition["type"]
    condition_params = _params(condition, CONDITIONS[kind], f"rule {rule_id!r} condition", (*path, "condition"))
    _check_condition(kind, condition_params, rule_id, (*path, "condition"))
    raw_actions = raw.get("actions")
    if not isinstance(raw_actions, list) or not raw_actions:
        raise RuleProblem(f"rule {rule_id!r}: at least one action is required", (*path, "actions"))
    actions = []
    for position, action in enumerate(raw_actions):
        action_path = (*path, "actions", str(position))
        if not isinstance(action, Mapping) or action.get("type") not in ACTIONS:
            raise RuleProblem(f"rule {rule_id!r}: action type must be one of {', '.join(ACTIONS)}", (*action_path, "type"))
        merged = {**ACTION_DEFAULTS.get(action["type"], {}), **action}
        params = _params(merged, ACTIONS[action["type"]], f"rule {rule_id!r} action {action['type']}", action_path)
        _check_action(action["type"], params, library, rule_id, action_path)
        actions.append(Action(action["type"], params))
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleProblem(f"rule {rule_id!r}: enabled is true or false", (*path, "enabled"))
    name_zh, name_en = str(names["name_zh"]).strip(), str(names["name_en"]).strip()
    return Rule(rule_id.strip(), name_zh, name_en, enabled, kind, condition_params, tuple(actions))


def parse_rules(document: Any, library: Library | None = None) -> tuple[Rule, ...]:
    """Validated rules from a list of rule objects; RuleProblem names the first rule and field at fault."""
    library = library or load_library()
    if not isinstance(document, list):
        raise RuleProblem("the rules are a list of rule objects", ())
    if len(document) > MAX_RULES:
        raise RuleProblem(f"at most {MAX_RULES} rules", ())
    rules = tuple(_rule(raw, index, library) for index, raw in enumerate(document))
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        if rule.id in seen:
            raise RuleProblem(f"rule {rule.id!r}: id used twice", (str(index), "id"))
        seen.add(rule.id)
    return rules


@lru_cache
def default_rules(policies_dir: Path = POLICIES_DIR) -> RuleSet:
    """The rules shipped in policies/coaching-rules.yaml, as version 0."""
    document = yaml.safe_load((policies_dir / RULES_FILE).read_text(encoding="utf-8"))
    return RuleSet(DEFAULT_VERSION, parse_rules(document["rules"]))


async def current_rules(session: AsyncSession) -> RuleSet:
    """The latest stored version, or the defaults when none was stored."""
    latest = (await session.execute(select(CoachingRuleVersion).order_by(CoachingRuleVersion.version.desc()).limit(1))).scalars().first()  # type: ignore[attr-defined]
    if latest is None:
        return default_rules()
    rules = parse_rules(json.loads(latest.document))
    return RuleSet(latest.version, rules, latest.created_by, latest.created_at_us)


async def store_rules(session: AsyncSession, rules: Sequence[Rule], *, actor: str, now_us: int) -> RuleSet:
    """Store ``rules`` as the next version."""
    latest = (await session.execute(select(func.max(CoachingRuleVersion.version)))).scalar_one_or_none()
    version = (latest or DEFAULT_VERSION) + 1
    document = json.dumps([rule.as_document() for rule in rules], ensure_ascii=False, sort_keys=True)
    session.add(CoachingRuleVersion(version=version, document=document, created_by=actor, created_at_us=now_us))
    await session.flush()
    return RuleSet(version, tuple(rules), actor, now_us)
