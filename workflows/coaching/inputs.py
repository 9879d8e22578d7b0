"""Inputs and results of the coaching workflows and their activities."""

from dataclasses import dataclass


@dataclass
class PlanWorkflowInput:
    """The plan ``plan-<id>`` runs for; everything else is read from the database at each step."""

    plan_id: str
    steps_before_continue: int = 500
    """Steps run before the workflow continues as new (keeps its history short)."""


@dataclass
class AdvanceInput:
    plan_id: str
    at_us: int
    """The workflow's clock: reminders, escalations and the evaluation due by then are done."""


@dataclass
class AdvanceResult:
    """``finished`` once the plan ended or was cancelled; otherwise when to look again."""

    finished: bool
    status: str
    next_at_us: int | None
    reminders: int = 0
    escalations: int = 0


@dataclass
class PlanOutcome:
    plan_id: str
    status: str
    reminders: int
    escalations: int


@dataclass
class SweepInput:
    """One sweep of the metric-based coaching rules over the weeks before ``at_us``; repeated every ``every_hours``."""

    every_hours: int = 24
    sweeps_before_continue: int = 100


@dataclass
class SweepRequest:
    at_us: int


@dataclass
class SweepResult:
    actions: int
