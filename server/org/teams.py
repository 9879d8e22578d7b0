"""An agent's team at an instant, from its ``agent.upserted`` history (events.md, master data)."""

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Membership:
    """One ``agent.upserted``: from ``valid_from_us`` on, ``agent_id`` belongs to ``team_id``."""

    agent_id: str
    team_id: str
    valid_from_us: int
    event_id: str


class TeamDirectory:
    """Answers "which team did this agent belong to at T" in timeline order."""

    def __init__(self, memberships: Iterable[Membership]) -> None:
        by_agent: dict[str, list[Membership]] = {}
        for membership in memberships:
            by_agent.setdefault(membership.agent_id, []).append(membership)
        self._history = {
            agent_id: sorted(rows, key=lambda row: (row.valid_from_us, row.event_id)) for agent_id, rows in by_agent.items()
        }
        self._starts = {agent_id: [row.valid_from_us for row in rows] for agent_id, rows in self._history.items()}

    @property
    def agent_ids(self) -> set[str]:
        return set(self._history)

    def team_at(self, agent_id: str | None, instant_us: int) -> str | None:
        """The team of the latest upsert with ``ts`` ≤ T; before the first one, the first one's team."""
        if agent_id is None:
            return None
        history = self._history.get(agent_id)
        if not history:
            return None
        index = bisect_right(self._starts[agent_id], instant_us) - 1
        return history[max(index, 0)].team_id

    def digest(self, agent_id: str) -> str:
        """A fingerprint of the agent's history: it changes exactly when attributions may change."""
        text = "\n".join(f"{row.valid_from_us}\t{row.event_id}\t{row.team_id}" for row in self._history.get(agent_id, ()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
