"""The goals feature's domain events (``server.kernel.domain_events``)."""

from dataclasses import dataclass

GOAL_CHECKED = "goals.checked"


@dataclass(frozen=True)
class GoalChecked:
    """One milestone check of one part of a goal (the goal itself, a team or an agent) was recorded.

    ``status`` is on_track / ahead / behind / insufficient_data; ``consecutive_behind`` counts
    this part's checks in a row that were behind, this one included.
    """

    goal_id: str
    check_id: str
    part_kind: str
    part_key: str
    status: str
    consecutive_behind: int
    metric_key: str
    expected: float | None
    actual: float | None
    checked_at_us: int
