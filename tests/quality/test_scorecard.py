"""Scorecards: weights, critical items, not-applicable items, hand-computed exact scores; bad definitions refused."""

from collections.abc import Callable
from fractions import Fraction

import pytest

from server.quality.engine import check_conversation
from server.quality.rules import RuleError, default_rules_text, parse_rules
from server.quality.scorecard import automatic_values, default_scorecard_definition, parse_scorecard, score
from tests.quality.support import POLITE_CLOSING, POLITE_OPENING, conversation

CARD = parse_scorecard({
    "name_zh": "测试", "name_en": "Test", "pass_score": 80,
    "dimensions": [
        {"key": "quality", "name_zh": "质量", "name_en": "Quality", "weight": 60, "items": [
            {"key": "polite", "name_zh": "礼貌", "name_en": "Polite", "points": 10, "source": "manual"},
            {"key": "fcr", "name_zh": "解决", "name_en": "FCR", "points": 10, "source": "manual"},
            {"key": "legal", "name_zh": "合规", "name_en": "Legal", "points": 5, "source": "manual", "critical": True},
        ]},
        {"key": "efficiency", "name_zh": "效率", "name_en": "Efficiency", "weight": 25, "items": [
            {"key": "speed", "name_zh": "时效", "name_en": "Speed", "points": 10, "source": "manual"},
        ]},
        {"key": "experience", "name_zh": "体验", "name_en": "Experience", "weight": 15, "items": [
            {"key": "csat", "name_zh": "满意", "name_en": "CSAT", "points": 10, "source": "manual"},
        ]},
    ],
})


def test_weights_and_not_applicable_items() -> None:
    # quality: (10·1 + 5·1) / (10 + 5) = 1 (fcr N/A); efficiency: 1/2; experience N/A → weights 60 + 25
    # total = 100 · (60·1 + 25·½) / 85 = 7250 / 85 = 1450/17 ≈ 85.294
    result = score(CARD, {"polite": Fraction(1), "fcr": None, "legal": Fraction(1), "speed": Fraction(1, 2)})
    assert result.dimensions == {"quality": Fraction(1), "efficiency": Fraction(1, 2), "experience": None}
    assert result.score == Fraction(1450, 17)
    assert (result.score_milli, result.critical_failed) == (85294, False)


def test_partial_items_weighted_by_points() -> None:
    # quality: (10·½ + 10·0 + 5·1) / 25 = 2/5; efficiency 1; experience ¾
    # total = (60·2/5 + 25·1 + 15·¾) = 24 + 25 + 11.25 = 60.25
    values = {"polite": Fraction(1, 2), "fcr": Fraction(0), "legal": Fraction(1), "speed": Fraction(1), "csat": Fraction(3, 4)}
    assert score(CARD, values).score == Fraction(241, 4)


def test_a_failed_critical_item_fails_the_whole_review() -> None:
    values = {"polite": Fraction(1), "fcr": Fraction(1), "legal": Fraction(0), "speed": Fraction(1), "csat": Fraction(1)}
    result = score(CARD, values)
    assert (result.score, result.critical_failed, result.dimensions["quality"]) == (0, True, Fraction(4, 5))  # (10 + 10 + 0) / 25


def test_the_default_scorecard_scores_an_automatic_review() -> None:
    card = parse_scorecard(default_scorecard_definition())
    rules = parse_rules(default_rules_text())
    record = conversation(
        ("customer", "请问发票怎么开", 0), POLITE_OPENING, ("agent", "在订单页申请即可", 10), *POLITE_CLOSING,
        category="发票", csat=4, resolved=True,
    )
    values = automatic_values(card, record, check_conversation(record, rules))
    # greeting, confirmation, closing, rude applied and clean (apology N/A): polite 1; fcr 1; no wrong info 1;
    # key information N/A (not logistics); response time: first 5 s ok, silence 50 − 10 = 40 s ok → 1;
    # handle time unknown → N/A; csat (4 − 1)/4 = ¾; no negative sentiment 1.
    assert values == {
        "polite_phrases": 1, "first_contact_resolution": 1, "no_wrong_information": 1, "key_information": None,
        "response_time": 1, "handle_time": None, "csat": Fraction(3, 4), "no_negative_feedback": 1,
    }
    # service 1, efficiency 1, experience (10·¾ + 5·1)/15 = 5/6 → 60 + 25 + 15·5/6 = 97.5
    assert score(card, values).score == Fraction(195, 2)


@pytest.mark.parametrize(
    ("change", "rule", "field"),
    [
        (lambda d: d["dimensions"][0].update(weight=0), "service_quality", "weight"),
        (lambda d: d["dimensions"][0]["items"][0].update(source="magic"), "service_quality.polite_phrases", "source"),
        (lambda d: d["dimensions"][1]["items"][1].update(max_seconds=10), "efficiency.handle_time", "max_seconds"),
        (lambda d: d.update(pass_score=101), "scorecard", "pass_score"),
    ],
)
def test_a_bad_scorecard_is_refused_naming_where(change: Callable[[dict], object], rule: str, field: str) -> None:
    definition = default_scorecard_definition()
    change(definition)
    with pytest.raises(RuleError) as refused:
        parse_scorecard(definition)
    assert (refused.value.rule, refused.value.field_name) == (rule, field)
