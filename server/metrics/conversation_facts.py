"""A conversation's facts from its timeline (metrics.md, Terms). Pure.

"First" and "last" pick in timeline order; "at or before/after" compares instants,
so events sharing a ``ts`` are at the same moment whatever their ids.
"""

from dataclasses import dataclass

from server.kernel.timeline import INBOUND, lifecycle
from server.metrics.buckets import Buckets, buckets_of
from server.metrics.config import FactsConfig
from server.org.teams import TeamDirectory
from server.metrics.timeline import ConversationTimeline, LifecycleEvent

RESOLVED = "resolved"
OUTBOUND = "outbound"


@dataclass(frozen=True)
class ResponseInterval:
    """A customer block closed by an agent message, attributed to that agent and its team then."""

    position: int
    agent_id: str
    team_id: str | None
    reply_us: int
    interval_us: int


@dataclass(frozen=True)
class ConversationFacts:
    """Everything the conversation-level metrics need, except repeat (which needs siblings)."""

    conversation_id: str
    customer_id: str
    channel: str
    category: str
    direction: str
    start_us: int
    end_us: int | None
    resolution: str | None
    buckets: Buckets
    human_start_us: int | None
    final_agent_id: str | None
    final_team_id: str | None
    first_assigned_us: int | None
    first_queued_us: int | None
    answer_us: int | None
    ever_assigned: bool
    transferred: bool
    transits_us: tuple[int, ...]
    intervals: tuple[ResponseInterval, ...]
    csat: int | None
    nps: int | None
    feedback_resolved: bool | None

    @property
    def ended(self) -> bool:
        return self.end_us is not None

    @property
    def handled(self) -> bool:
        """Ended, with an assignment at or before the end (exactly when there is a final agent)."""
        return self.final_agent_id is not None

    @property
    def queued(self) -> bool:
        return self.first_queued_us is not None

    @property
    def queue_wait_us(self) -> int | None:
        if self.answer_us is None or self.first_queued_us is None:
            return None
        return self.answer_us - self.first_queued_us

    @property
    def handle_us(self) -> int | None:
        if not self.handled or self.end_us is None or self.first_assigned_us is None:
            return None
        return self.end_us - self.first_assigned_us

    @property
    def first_response(self) -> ResponseInterval | None:
        """The first response interval of a handled conversation."""
        return self.intervals[0] if self.handled and self.intervals else None

    @property
    def resolved_first_time(self) -> bool:
        """Resolution ``resolved`` and the feedback ``resolved`` is not false (repeat aside)."""
        return self.resolution == RESOLVED and self.feedback_resolved is not False

    @property
    def self_served(self) -> bool:
        return self.ended and self.resolution == RESOLVED and not self.queued and not self.ever_assigned


def _latest_value(values: list[tuple[int, str, object]]) -> object:
    return max(values)[2] if values else None


def _response_intervals(
    timeline: ConversationTimeline, human_start_us: int | None, end_us: int | None, teams: TeamDirectory
) -> tuple[ResponseInterval, ...]:
    """Customer blocks in the human phase, each closed by the next agent message."""
    if human_start_us is None:
        return ()
    intervals: list[ResponseInterval] = []
    block_start_us: int | None = None
    for message in sorted(timeline.messages):
        if message.ts_us < human_start_us or (end_us is not None and message.ts_us > end_us):
            continue
        if message.sender == "customer" and block_start_us is None:
            block_start_us = message.ts_us
        elif message.sender == "agent" and block_start_us is not None and message.agent_id is not None:
            team_id = teams.team_at(message.agent_id, message.ts_us)
            intervals.append(
                ResponseInterval(len(intervals), message.agent_id, team_id, message.ts_us, message.ts_us - block_start_us)
            )
            block_start_us = None
    return tuple(intervals)


def _transits(timeline: ConversationTimeline, assigned: list[LifecycleEvent]) -> tuple[int, ...]:
    """Per transfer id (its first transfer counts): first accepting assignment at or after it."""
    first_of_transfer: dict[str, int] = {}
    for transfer in sorted(timeline.transfers):
        first_of_transfer.setdefault(transfer.transfer_id, transfer.ts_us)
    transits = []
    for transfer_id, transfer_us in sorted(first_of_transfer.items()):
        accepted = next((a for a in assigned if a.transfer_id == transfer_id and a.ts_us >= transfer_us), None)
        if accepted is not None:
            transits.append(accepted.ts_us - transfer_us)
    return tuple(transits)


def conversation_facts(timeline: ConversationTimeline, teams: TeamDirectory, config: FactsConfig) -> ConversationFacts | None:
    """The facts of one conversation, or None while its ``conversation.started`` is unknown."""
    life = lifecycle(timeline.lifecycle)
    if life is None:
        return None
    started, queued, assigned = life.started, life.queued, list(life.assignments)
    end, end_us = life.ended, life.end_us
    in_time = life.assignments_until_end
    final_agent_id = life.final_agent_id
    first_queued_us = queued[0].ts_us if queued else None
    answer = None
    if first_queued_us is not None:
        answer = next((a for a in in_time if a.ts_us >= first_queued_us), None)
    phase_starts = [ts for ts in (first_queued_us, assigned[0].ts_us if assigned else None) if ts is not None]
    human_start_us = min(phase_starts) if phase_starts else None

    feedback = sorted(timeline.feedback)
    return ConversationFacts(
        conversation_id=timeline.conversation_id,
        customer_id=started.customer_id or "",
        channel=started.channel or "",
        category=life.category,
        direction=started.direction or INBOUND,
        start_us=started.ts_us,
        end_us=end_us,
        resolution=end.resolution if end is not None else None,
        buckets=buckets_of(started.ts_us, config.zone),
        human_start_us=human_start_us,
        final_agent_id=final_agent_id,
        final_team_id=teams.team_at(final_agent_id, end_us) if final_agent_id is not None and end_us is not None else None,
        first_assigned_us=assigned[0].ts_us if assigned else None,
        first_queued_us=first_queued_us,
        answer_us=answer.ts_us if answer is not None else None,
        ever_assigned=bool(assigned),
        transferred=bool(timeline.transfers),
        transits_us=_transits(timeline, assigned),
        intervals=_response_intervals(timeline, human_start_us, end_us, teams),
        csat=_latest_value([(f.ts_us, f.event_id, f.csat) for f in feedback if f.csat is not None]),  # type: ignore[arg-type]
        nps=_latest_value([(f.ts_us, f.event_id, f.nps) for f in feedback if f.nps is not None]),  # type: ignore[arg-type]
        feedback_resolved=_latest_value(  # type: ignore[arg-type]
            [(f.ts_us, f.event_id, f.resolved) for f in feedback if f.resolved is not None]
        ),
    )
