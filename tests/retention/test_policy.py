"""policies/retention.yaml: one rule per data class, defaults for the rest, only safe actions."""

from pathlib import Path

import pytest

from server.config import POLICIES_DIR
from server.retention.policy import (
    DAY_US, DEFAULT_RULES, DataClass, RetentionAction, RetentionRule, load_retention_policy, parse_retention,
)


def test_the_shipped_file_sets_every_class() -> None:
    policy = load_retention_policy(POLICIES_DIR)
    assert dict(policy.rules) == {
        DataClass.MESSAGE_TEXT: RetentionRule(365, RetentionAction.ANONYMISE),
        DataClass.CUSTOMER_PERSONAL: RetentionRule(730, RetentionAction.ANONYMISE),
        DataClass.RAW_EVENTS: RetentionRule(730, RetentionAction.ANONYMISE),
        DataClass.AUDIT_LOG: RetentionRule(1095, RetentionAction.PURGE),
    }


def test_classes_left_out_keep_their_defaults(tmp_path: Path) -> None:
    policy = parse_retention({"message_text": {"keep_days": 30}, "audit_log": {"keep_days": None}})
    assert policy.rule(DataClass.MESSAGE_TEXT) == RetentionRule(30, RetentionAction.ANONYMISE)
    assert policy.rule(DataClass.AUDIT_LOG).cutoff_us(10**15) is None
    assert policy.rule(DataClass.CUSTOMER_PERSONAL) == DEFAULT_RULES[DataClass.CUSTOMER_PERSONAL]
    assert load_retention_policy(tmp_path).rules == DEFAULT_RULES
    assert policy.rule(DataClass.MESSAGE_TEXT).cutoff_us(100 * DAY_US) == 70 * DAY_US


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"emails": {"keep_days": 1}}, "unknown data class 'emails'"),
        ({"message_text": {"action": "purge"}}, "message_text: action purge is not allowed (allowed: anonymise)"),
        ({"audit_log": {"action": "anonymise"}}, "audit_log: action anonymise is not allowed (allowed: purge)"),
        ({"raw_events": {"keep_days": -1}}, "raw_events: keep_days must be a whole number of days ≥ 0 or null"),
        ({"raw_events": {"keep_days": "30"}}, "raw_events: keep_days must be a whole number of days ≥ 0 or null"),
        ({"raw_events": {"action": "shred"}}, "raw_events: action must be anonymise or purge"),
        (["message_text"], "retention.yaml must map data classes to {keep_days, action}"),
    ],
)
def test_unsafe_or_unknown_settings_are_refused(document: object, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_retention(document)
    assert str(refused.value).startswith(message)
