"""Inputs and results of the team review schedule (plain dataclasses, as Temporal serialises them)."""

from dataclasses import dataclass, field

DAY_US = 86_400_000_000


@dataclass
class TeamReviewScheduleInput:
    """Review ``team_id`` at every period end, the first at ``period_end_us``; ``runs`` bounds the periods (None: for ever)."""

    team_id: str
    period_end_us: int
    runs: int | None = None
    reviews_per_history: int = 26
    """After this many periods the workflow continues as new, so its history stays short."""
    review_ids: list[str] = field(default_factory=list)
    """Reviews written so far (carried over a continue-as-new only while ``runs`` is bounded)."""
    periods_done: int = 0
    """Periods ended so far, reviewed or (schedule disabled) not."""


@dataclass
class ReviewScheduleState:
    """The team's cadence now: its own schedule, or the deployment's default."""

    interval_days: int
    enabled: bool


@dataclass
class CompileReviewInput:
    team_id: str
    period_start_us: int
    period_end_us: int
    now_us: int


@dataclass
class CompiledReview:
    review_id: str
    new: bool
