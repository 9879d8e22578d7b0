"""A knowledge-base search's facts from its events (metrics.md, kb keys). Pure."""

from collections.abc import Mapping
from dataclasses import dataclass

from server.metrics.buckets import Buckets, buckets_of
from server.metrics.config import FactsConfig
from server.org.teams import TeamDirectory
from server.metrics.timeline import SearchTimeline


@dataclass(frozen=True)
class ConversationLabels:
    """Channel and current category of a known conversation."""

    channel: str
    category: str


@dataclass(frozen=True)
class SearchFacts:
    """The first ``kb.searched`` of a search id, and whether an article was opened from it."""

    search_id: str
    agent_id: str
    team_id: str | None
    ts_us: int
    conversation_id: str | None
    labels: ConversationLabels | None
    """None when the conversation id is absent or names no known conversation."""
    buckets: Buckets
    time_to_hit_us: int | None
    """First open carrying the search id at or after the search, minus the search; None: no hit."""

    @property
    def hit(self) -> bool:
        return self.time_to_hit_us is not None


def search_facts(
    timeline: SearchTimeline,
    conversations: Mapping[str, ConversationLabels],
    teams: TeamDirectory,
    config: FactsConfig,
) -> SearchFacts | None:
    """The facts of one search id, or None when no ``kb.searched`` of it is stored."""
    if not timeline.searches:
        return None
    search = min(timeline.searches)
    hits = [opened.ts_us for opened in timeline.opens if opened.ts_us >= search.ts_us]
    conversation_id = search.conversation_id
    return SearchFacts(
        search_id=timeline.search_id,
        agent_id=search.agent_id,
        team_id=teams.team_at(search.agent_id, search.ts_us),
        ts_us=search.ts_us,
        conversation_id=conversation_id,
        labels=conversations.get(conversation_id) if conversation_id is not None else None,
        buckets=buckets_of(search.ts_us, config.zone),
        time_to_hit_us=min(hits) - search.ts_us if hits else None,
    )
