"""Auto-QA: a conversation checked against a rule set, each finding pointing at a message and a span of its text.

Pure: no database. ``check_conversation`` returns the findings and which rules applied
(a rule whose scenario never arose — no complaint, so no apology owed — did not apply,
and the scorecard leaves its items out of the denominator).
"""

from dataclasses import dataclass, field

from server.quality.normalize import NormalizedText, normalize
from server.quality.rules import Rule, RuleSet
from server.quality.sentiment import score_message

NEGATION_CUES = (
    "不能", "不会", "不可", "不敢", "不得", "不保证", "不承诺", "不是", "不存在", "无法", "没有", "并非", "绝不",
    "禁止", "切勿", "谈不上", "不要说", "不应", "不可能", "并不", "从不", "没法",
)
NEGATION_REACH = 6
"""Normalised characters before a forbidden phrase searched for a negation cue (我们不能承诺｜绝对保本)."""
COMPLAINT_CUES = ("投诉", "不满", "差评", "太差", "生气", "失望", "举报", "退钱", "赔偿", "怎么还", "骗")


@dataclass(frozen=True)
class MessageRecord:
    event_id: str
    sender: str
    text: str
    ts_us: int
    message_id: str | None = None


@dataclass(frozen=True)
class ConversationRecord:
    """What auto-QA reads of one conversation (messages in timeline order)."""

    conversation_id: str
    channel: str | None
    category: str | None
    agent_id: str | None
    team_id: str | None
    start_us: int
    end_us: int | None
    messages: tuple[MessageRecord, ...]
    csat: int | None = None
    resolved: bool | None = None
    handle_us: int | None = None


@dataclass(frozen=True)
class Finding:
    """A rule that fired: on ``message`` (event id) at ``[span_start, span_end)`` of its text, or on the whole conversation."""

    rule_id: str
    severity: str
    compliance: bool
    message_event_id: str | None
    span_start: int | None
    span_end: int | None
    excerpt: str
    detail: str


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    applied: set[str] = field(default_factory=set)
    negative_sentiment: bool = False


def _speaks(message: MessageRecord, speaker: str) -> bool:
    return speaker == "any" or message.sender == speaker


def _negated(folded: NormalizedText, start: int) -> bool:
    window = folded.text[max(0, start - NEGATION_REACH):start]
    return any(cue in window for cue in NEGATION_CUES)


def _finding(rule: Rule, message: MessageRecord | None, span: tuple[int, int] | None, detail: str) -> Finding:
    excerpt = message.text[span[0]:span[1]] if message is not None and span is not None else ""
    return Finding(
        rule.id, rule.severity, rule.compliance, message.event_id if message else None,
        span[0] if span else None, span[1] if span else None, excerpt, detail,
    )


def _forbidden(rule: Rule, messages: tuple[MessageRecord, ...], result: CheckResult) -> None:
    result.applied.add(rule.id)
    for message in messages:
        if not _speaks(message, rule.speaker):
            continue
        folded = normalize(message.text)
        for phrase in rule.normalized_phrases:
            start = folded.text.find(phrase)
            while start >= 0:
                if not _negated(folded, start):
                    result.findings.append(_finding(rule, message, folded.span(start, start + len(phrase)), phrase))
                start = folded.text.find(phrase, start + len(phrase))


def _contains(rule: Rule, message: MessageRecord) -> bool:
    folded = normalize(message.text).text
    return any(phrase in folded for phrase in rule.normalized_phrases)


def _required(rule: Rule, messages: tuple[MessageRecord, ...], result: CheckResult) -> None:
    agent = [message for message in messages if message.sender == "agent"]
    if not agent:
        return
    if rule.scenario == "greeting":
        result.applied.add(rule.id)
        if not _contains(rule, agent[0]):
            result.findings.append(_finding(rule, agent[0], None, "greeting missing from the first agent message"))
        return
    if rule.scenario == "apology":
        complaint = next((m for m in messages if m.sender == "customer" and any(c in normalize(m.text).text for c in COMPLAINT_CUES)), None)
        if complaint is None:
            return
        result.applied.add(rule.id)
        if not any(_contains(rule, m) for m in agent if m.ts_us >= complaint.ts_us):
            result.findings.append(_finding(rule, complaint, None, "no apology after the customer's complaint"))
        return
    result.applied.add(rule.id)
    candidates = agent[-1:] if rule.scenario == "closing" else agent[-3:]
    if not any(_contains(rule, m) for m in candidates):
        result.findings.append(_finding(rule, agent[-1], None, f"{rule.scenario} phrase missing before the end"))


def _regex(rule: Rule, messages: tuple[MessageRecord, ...], result: CheckResult) -> None:
    assert rule.pattern is not None
    spoken = [message for message in messages if _speaks(message, rule.speaker)]
    if not spoken:
        return
    result.applied.add(rule.id)
    matches = [(message, match) for message in spoken for match in rule.pattern.finditer(message.text)]
    if rule.mode == "forbid":
        result.findings.extend(_finding(rule, message, match.span(), match.group(0)) for message, match in matches)
    elif not matches:
        result.findings.append(_finding(rule, None, None, f"nothing matched {rule.pattern.pattern}"))


def _key_info(rule: Rule, messages: tuple[MessageRecord, ...], result: CheckResult) -> None:
    assert rule.pattern is not None
    result.applied.add(rule.id)
    if not any(rule.pattern.search(m.text) for m in messages if _speaks(m, rule.speaker)):
        result.findings.append(_finding(rule, None, None, f"key information missing ({rule.pattern.pattern})"))


def _timing(rule: Rule, conversation: ConversationRecord, result: CheckResult) -> None:
    limit_us = rule.limit_seconds * 1_000_000
    waits: list[tuple[MessageRecord, int]] = []
    waiting_since: int | None = None
    previous: MessageRecord | None = None
    for message in conversation.messages:
        if rule.measure == "silence":
            if previous is not None:
                waits.append((message, message.ts_us - previous.ts_us))
            previous = message
            continue
        if message.sender == "customer" and waiting_since is None:
            waiting_since = message.ts_us
        elif message.sender == "agent" and waiting_since is not None:
            waits.append((message, message.ts_us - waiting_since))
            waiting_since = None
    if rule.measure == "first_response":
        waits = waits[:1]
    if not waits:
        return
    result.applied.add(rule.id)
    for message, wait_us in waits:
        if wait_us > limit_us:
            result.findings.append(_finding(rule, message, None, f"waited {wait_us / 1_000_000:g} s > {rule.limit_seconds} s"))


def _sentiment(rule: Rule, messages: tuple[MessageRecord, ...], result: CheckResult) -> None:
    customer = [(message, score_message(message.text)) for message in messages if message.sender == "customer"]
    if not customer:
        return
    result.applied.add(rule.id)
    last_message, last = customer[-1]
    worsening = len(customer) > 1 and last.score < customer[0][1].score and last.score <= rule.threshold
    negative = [(m, s) for m, s in customer if s.score <= rule.threshold]
    if worsening or len(negative) * 2 > len(customer) or (negative and negative[-1][0] is last_message):
        result.negative_sentiment = True
        message, sentiment = negative[-1] if negative else (last_message, last)
        result.findings.append(_finding(
            rule, message, (0, len(message.text)), f"customer sentiment {sentiment.score:g} ({', '.join(sentiment.cues)})"
        ))


def check_conversation(conversation: ConversationRecord, rules: RuleSet) -> CheckResult:
    """Every rule covering the conversation's channel and category, applied to its messages."""
    result = CheckResult()
    messages = tuple(message for message in conversation.messages if message.text)
    for rule in rules.rules:
        if not rule.applies_to(conversation.channel, conversation.category):
            continue
        if rule.type == "forbidden":
            _forbidden(rule, messages, result)
        elif rule.type == "required":
            _required(rule, messages, result)
        elif rule.type == "regex":
            _regex(rule, messages, result)
        elif rule.type == "key_info":
            _key_info(rule, messages, result)
        elif rule.type == "timing":
            _timing(rule, conversation, result)
        else:
            _sentiment(rule, messages, result)
    return result
