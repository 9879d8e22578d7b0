"""Auto-QA rules: normalised matching, negation, scenarios, regexes, key information, timing; bad rules refused."""

import pytest

from server.quality.engine import ConversationRecord, Finding, check_conversation
from server.quality.normalize import normalize
from server.quality.rules import RuleError, default_rules_text, parse_rules
from tests.quality.support import POLITE_CLOSING, POLITE_OPENING, conversation

RULES = parse_rules(default_rules_text())


def findings_of(record: ConversationRecord, rule_id: str) -> list[Finding]:
    return [finding for finding in check_conversation(record, RULES).findings if finding.rule_id == rule_id]


def test_normalisation_folds_width_script_spacing_and_punctuation() -> None:
    folded = normalize("絕 對，保*本ＡＢ１")
    assert folded.text == "绝对保本ab1"
    assert folded.positions == (0, 2, 4, 6, 7, 8, 9)
    assert folded.span(0, 4) == (0, 7)


@pytest.mark.parametrize(
    ("text", "span", "excerpt"),
    [
        ("这款产品绝对保本，您放心", (4, 8), "绝对保本"),
        ("这款产品绝 对 保 本", (4, 11), "绝 对 保 本"),
        ("这款产品ｊ绝，对.保-本", (5, 12), "绝，对.保-本"),
        ("這款產品保證收益", (4, 8), "保證收益"),
        ("稳 赚 不 赔的", (0, 7), "稳 赚 不 赔"),
    ],
)
def test_a_disguised_forbidden_phrase_is_flagged_on_its_message_and_span(text: str, span: tuple[int, int], excerpt: str) -> None:
    record = conversation(("customer", "这个理财安全吗", 0), ("agent", "您好", 3), ("agent", text, 10))
    [finding] = findings_of(record, "compliance.guarantee")
    assert (finding.message_event_id, (finding.span_start, finding.span_end), finding.excerpt) == ("m3", span, excerpt)
    assert finding.severity == "critical" and finding.compliance


@pytest.mark.parametrize("text", ["我们不能承诺绝对保本", "理财产品没有无风险的", "我们禁止说保证收益", "并非稳赚不赔"])
def test_a_negated_phrase_is_not_a_violation(text: str) -> None:
    record = conversation(("customer", "能保本吗", 0), ("agent", text, 10))
    assert findings_of(record, "compliance.guarantee") == []


def test_the_customer_saying_a_forbidden_phrase_is_not_the_agents_violation() -> None:
    record = conversation(("customer", "你们说的绝对保本是真的吗", 0), ("agent", "您好，请稍等", 10))
    assert findings_of(record, "compliance.guarantee") == []


def test_scenarios_greeting_apology_confirmation_closing() -> None:
    complaint = conversation(
        ("customer", "等了五天还没到，我要投诉", 0), ("agent", "请提供订单号", 10), ("agent", "已经帮您催了", 40),
    )
    result = check_conversation(complaint, RULES)
    fired = sorted(finding.rule_id for finding in result.findings if finding.rule_id.startswith("script."))
    assert fired == ["script.apology", "script.closing", "script.confirmation", "script.greeting"]
    polite = conversation(
        ("customer", "等了五天还没到，我要投诉", 0), POLITE_OPENING, ("agent", "非常抱歉给您带来不便", 20), *POLITE_CLOSING,
    )
    assert [f.rule_id for f in check_conversation(polite, RULES).findings if f.rule_id.startswith("script.")] == []


def test_no_complaint_means_the_apology_rule_does_not_apply() -> None:
    record = conversation(("customer", "发票怎么开", 0), POLITE_OPENING, *POLITE_CLOSING)
    result = check_conversation(record, RULES)
    assert "script.apology" not in result.applied
    assert {"script.greeting", "script.confirmation", "script.closing"} <= result.applied


def test_regex_and_key_information_by_category() -> None:
    card = conversation(("customer", "卡号多少", 0), ("agent", "您的卡号是6222021234567890123", 5))
    [finding] = findings_of(card, "privacy.card_number")
    assert (finding.message_event_id, finding.span_start, finding.span_end) == ("m2", 5, 24)
    missing = conversation(("customer", "快递到哪了", 0), ("agent", "您好，帮您查", 5), category="物流查询")
    assert [f.detail for f in findings_of(missing, "logistics.order_number")] != []
    given = conversation(("customer", "单号123456789012", 0), ("agent", "您好，帮您查", 5), category="物流查询")
    assert findings_of(given, "logistics.order_number") == []
    other = conversation(("customer", "快递到哪了", 0), ("agent", "您好", 5), category="发票")
    assert "logistics.order_number" not in check_conversation(other, RULES).applied


def test_timing_first_every_response_and_silence() -> None:
    record = conversation(
        ("customer", "在吗", 0), ("agent", "您好", 31), ("customer", "查下订单", 40), ("agent", "好的", 100),
        ("customer", "谢谢", 101), ("agent", "不客气", 161), ("customer", "再见", 400),
    )
    assert [f.message_event_id for f in findings_of(record, "timing.first_response")] == ["m2"]
    assert [f.message_event_id for f in findings_of(record, "timing.every_response")] == []
    assert [f.message_event_id for f in findings_of(record, "timing.silence")] == ["m7"]
    slow = conversation(("customer", "在吗", 0), ("agent", "您好", 20), ("customer", "查下", 30), ("agent", "好", 91))
    assert [f.message_event_id for f in findings_of(slow, "timing.every_response")] == ["m4"]
    assert findings_of(slow, "timing.first_response") == []


def test_rules_cover_only_their_channels() -> None:
    record = conversation(("customer", "在吗", 0), ("agent", "您好", 5), ("customer", "好", 500), channel="phone")
    assert "timing.silence" not in check_conversation(record, RULES).applied


@pytest.mark.parametrize(
    ("text", "rule", "field"),
    [
        ("rules: [{id: a, type: bogus}]", "a", "type"),
        ("rules: [{id: a, type: forbidden, name_zh: 甲, name_en: A, severity: major, phrases: []}]", "a", "phrases"),
        ("rules: [{id: a, type: regex, name_zh: 甲, name_en: A, severity: major, pattern: '(['}]", "a", "pattern"),
        ("rules: [{id: a, type: timing, name_zh: 甲, name_en: A, severity: minor, measure: silence, limit_seconds: 0}]",
         "a", "limit_seconds"),
        ("rules: [{id: a, type: required, name_zh: 甲, name_en: A, severity: loud, scenario: greeting, phrases: [好]}]",
         "a", "severity"),
        ("rules: [{id: a, type: forbidden, name_zh: 甲, name_en: A, severity: minor, phrases: ['，。']}]", "a", "phrases"),
        ("rules: [{type: forbidden}]", "#1", "id"),
        ("rules: [{id: a, type: sentiment, name_zh: 甲, name_en: A, severity: info, threshold: -1},"
         " {id: a, type: sentiment, name_zh: 甲, name_en: A, severity: info, threshold: -1}]", "a", "id"),
        ("rules: {}", "(document)", "rules"),
    ],
)
def test_a_bad_rule_is_refused_naming_the_rule_and_field(text: str, rule: str, field: str) -> None:
    with pytest.raises(RuleError) as refused:
        parse_rules(text)
    assert (refused.value.rule, refused.value.field_name) == (rule, field)


def test_negative_or_worsening_customer_sentiment() -> None:
    worsening = conversation(
        ("customer", "请问快递到哪了", 0), ("agent", "您好，帮您查", 5), ("customer", "等了半天还没到，太慢了", 30),
    )
    result = check_conversation(worsening, RULES)
    [finding] = [f for f in result.findings if f.rule_id == "sentiment.negative"]
    assert (result.negative_sentiment, finding.message_event_id, finding.span_start, finding.span_end) == (True, "m3", 0, 11)
    calm = conversation(("customer", "请问快递到哪了", 0), ("agent", "您好，帮您查", 5), ("customer", "好的，谢谢", 30))
    assert check_conversation(calm, RULES).negative_sentiment is False
