"""Coaching rules: the shipped defaults, and a bad rule refused naming the rule and the field."""

import copy

import pytest
from server.coaching.library import load_library
from server.coaching.rules import RuleProblem, default_rules, parse_rules

GOOD = {
    "id": "slow", "name_zh": "慢", "name_en": "Slow", "condition": {"type": "behind_consecutive", "checks": 2},
    "actions": [{"type": "assign_training_path", "path": "response-speed"}, {"type": "book_one_to_one"}],
}


def test_the_defaults_ship_eight_paths_and_twenty_two_templates_in_both_languages() -> None:
    library = load_library()
    rules = default_rules()
    assert rules.version == 0
    assert [rule.id for rule in rules.rules] == [
        "behind-three-checks", "first-response-falling", "kb-search-weak", "peak-abandonment", "qa-compliance-low",
    ]
    assert [path.name_zh for path in library.paths.values()] == [
        "首问解决", "响应速度", "退款处理", "物流延迟", "账户与安全", "投诉安抚", "知识库检索", "合规话术",
    ]
    assert len(library.templates) == 22
    assert all(t.text_zh and t.text_en and t.metrics for t in library.templates.values())


def test_a_good_rule_is_parsed_with_action_defaults() -> None:
    [rule] = parse_rules([GOOD])
    assert (rule.condition_type, dict(rule.condition)) == ("behind_consecutive", {"checks": 2})
    assert [(action.type, dict(action.params)) for action in rule.actions] == [
        ("assign_training_path", {"path": "response-speed"}), ("book_one_to_one", {"due_days": 3}),
    ]


def _changed(path: tuple, value: object) -> dict:
    rule = copy.deepcopy(GOOD)
    target = rule
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return rule


@pytest.mark.parametrize(
    ("rule", "message", "field"),
    [
        (_changed(("condition", "checks"), 0), "rule 'slow' condition: checks must be at least 1", ("0", "condition", "checks")),
        (_changed(("condition", "type"), "moon_phase"), "rule 'slow': condition type must be one of behind_consecutive, "
         "falling_trend, kb_search_below, abandonment_peak, qa_dimension_below", ("0", "condition", "type")),
        (_changed(("condition",), {"type": "falling_trend", "metric": "moon", "weeks": 3}),
         "rule 'slow' condition: unknown metric 'moon'", ("0", "condition", "metric")),
        (_changed(("condition",), {"type": "kb_search_below", "level": 60}),
         "rule 'slow' condition: level is a share between 0 and 1", ("0", "condition", "level")),
        (_changed(("actions", 0, "path"), "juggling"),
         "rule 'slow' action assign_training_path: unknown training path 'juggling'", ("0", "actions", "0", "path")),
        (_changed(("actions", 1), {"type": "book_one_to_one", "due_days": "soon"}),
         "rule 'slow' action book_one_to_one: due_days: expected int, got 'soon'", ("0", "actions", "1", "due_days")),
        (_changed(("actions",), []), "rule 'slow': at least one action is required", ("0", "actions")),
        (_changed(("name_en",), ""), "rule 'slow': name_en is required", ("0", "name_en")),
        (_changed(("condition", "extra"), 1), "rule 'slow' condition: unknown field 'extra'", ("0", "condition", "extra")),
    ],
    ids=["checks", "condition-type", "metric", "level", "path", "due-days", "no-actions", "name", "unknown-field"],
)
def test_a_bad_rule_is_refused_naming_rule_and_field(rule: dict, message: str, field: tuple) -> None:
    with pytest.raises(RuleProblem) as refused:
        parse_rules([rule])
    assert (refused.value.message, refused.value.path) == (message, field)


def test_a_rule_id_used_twice_is_refused_at_the_second() -> None:
    with pytest.raises(RuleProblem) as refused:
        parse_rules([GOOD, GOOD])
    assert (refused.value.message, refused.value.path) == ("rule 'slow': id used twice", ("1", "id"))
