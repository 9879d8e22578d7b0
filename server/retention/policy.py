"""policies/retention.yaml: how long each class of personal data is kept and what happens after."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

RETENTION_FILE = "retention.yaml"
DAY_US = 86_400 * 1_000_000


class DataClass(StrEnum):
    MESSAGE_TEXT = "message_text"
    CUSTOMER_PERSONAL = "customer_personal"
    RAW_EVENTS = "raw_events"
    AUDIT_LOG = "audit_log"


class RetentionAction(StrEnum):
    ANONYMISE = "anonymise"
    PURGE = "purge"


ALLOWED_ACTIONS: Mapping[DataClass, frozenset[RetentionAction]] = {
    DataClass.MESSAGE_TEXT: frozenset({RetentionAction.ANONYMISE}),
    DataClass.CUSTOMER_PERSONAL: frozenset({RetentionAction.ANONYMISE}),
    DataClass.RAW_EVENTS: frozenset({RetentionAction.ANONYMISE}),
    DataClass.AUDIT_LOG: frozenset({RetentionAction.PURGE}),
}
"""Messages, customers and raw events are anonymised, never deleted: metrics are computed from them."""


@dataclass(frozen=True)
class RetentionRule:
    keep_days: int | None
    action: RetentionAction

    def cutoff_us(self, now_us: int) -> int | None:
        """Data older than this instant is due; None when kept forever."""
        return None if self.keep_days is None else now_us - self.keep_days * DAY_US


DEFAULT_RULES: Mapping[DataClass, RetentionRule] = {
    DataClass.MESSAGE_TEXT: RetentionRule(365, RetentionAction.ANONYMISE),
    DataClass.CUSTOMER_PERSONAL: RetentionRule(730, RetentionAction.ANONYMISE),
    DataClass.RAW_EVENTS: RetentionRule(730, RetentionAction.ANONYMISE),
    DataClass.AUDIT_LOG: RetentionRule(1095, RetentionAction.PURGE),
}


@dataclass(frozen=True)
class RetentionPolicy:
    rules: Mapping[DataClass, RetentionRule]

    def rule(self, data_class: DataClass) -> RetentionRule:
        return self.rules[data_class]


def parse_retention(document: object) -> RetentionPolicy:
    """The policy of a parsed retention.yaml; classes left out keep their defaults (raises ValueError)."""
    entries = document or {}
    if not isinstance(entries, dict):
        raise ValueError("retention.yaml must map data classes to {keep_days, action}")
    rules = dict(DEFAULT_RULES)
    for name, entry in entries.items():
        try:
            data_class = DataClass(name)
        except ValueError:
            raise ValueError(f"unknown data class {name!r} (known: {', '.join(DataClass)})") from None
        if not isinstance(entry, dict):
            raise ValueError(f"{name}: expected keep_days and action")
        default = DEFAULT_RULES[data_class]
        keep_days = entry.get("keep_days", default.keep_days)
        if keep_days is not None and (not isinstance(keep_days, int) or isinstance(keep_days, bool) or keep_days < 0):
            raise ValueError(f"{name}: keep_days must be a whole number of days ≥ 0 or null")
        try:
            action = RetentionAction(entry.get("action", default.action))
        except ValueError:
            raise ValueError(f"{name}: action must be anonymise or purge") from None
        if action not in ALLOWED_ACTIONS[data_class]:
            raise ValueError(f"{name}: action {action} is not allowed (allowed: {', '.join(sorted(ALLOWED_ACTIONS[data_class]))})")
        rules[data_class] = RetentionRule(keep_days, action)
    return RetentionPolicy(rules)


def load_retention_policy(policies_dir: Path) -> RetentionPolicy:
    """The policy in ``policies_dir/retention.yaml``, or the defaults when there is no such file."""
    path = policies_dir / RETENTION_FILE
    if not path.exists():
        return RetentionPolicy(dict(DEFAULT_RULES))
    return parse_retention(yaml.safe_load(path.read_text(encoding="utf-8")))
