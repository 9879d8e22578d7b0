"""The coaching feature's domain events (``server.kernel.domain_events``)."""

from dataclasses import dataclass

PLAN_ENDED = "coaching.plan_ended"


@dataclass(frozen=True)
class PlanEnded:
    """A coaching plan reached its evaluation date: the windows to compare and who else was coached on its metric."""

    plan_id: str
    agent_id: str
    team_id: str
    metric_key: str
    goal_id: str | None
    before_start_us: int
    before_end_us: int
    after_start_us: int
    after_end_us: int
    agents_with_plan_on_metric: tuple[str, ...]
    ended_at_us: int
