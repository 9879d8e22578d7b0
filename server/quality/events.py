"""The quality feature's domain events (``server.kernel.domain_events``)."""

from dataclasses import dataclass

CONVERSATION_SCORED = "quality.scored"
COMPLIANCE_FINDING = "quality.finding"


@dataclass(frozen=True)
class ConversationScored:
    """A conversation got a (new) final score, automatic or manual."""

    conversation_id: str
    agent_id: str | None
    team_id: str | None
    score: float | None
    critical_failed: bool
    compliance_violations: tuple[str, ...]
    negative_sentiment: bool
    manual: bool
    scored_at_us: int


@dataclass(frozen=True)
class ComplianceFinding:
    """Auto-QA found a compliance violation in one message of a conversation."""

    finding_id: str
    conversation_id: str
    agent_id: str | None
    team_id: str | None
    rule_id: str
    severity: str
    message_id: str | None
    occurred_at_us: int
