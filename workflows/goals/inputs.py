"""Inputs and results of the goal workflow and its activities."""

from dataclasses import dataclass, field


@dataclass
class GoalWorkflowInput:
    """One goal's run from milestone ``next_milestone`` on (a continued run carries where the last one stopped)."""

    goal_id: str
    next_milestone: int = 1
    milestones_per_run: int = 100
    """Continue as new after this many checks, so a long goal's history stays small."""


@dataclass
class GoalRef:
    goal_id: str


@dataclass
class GoalSchedule:
    """What the workflow needs from the database: the goal's status and its milestone instants."""

    status: str
    revision: int
    milestones_us: list[int] = field(default_factory=list)


@dataclass
class MilestoneInput:
    goal_id: str
    milestone: int


@dataclass
class MilestoneResult:
    """The goal-level status of the check (or the goal's status after closing) and whether this call wrote it."""

    status: str
    new: bool


@dataclass
class GoalOutcome:
    goal_id: str
    status: str
    last_milestone: int
