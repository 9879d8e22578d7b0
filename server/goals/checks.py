"""Milestones and checks: the expected trajectory, the actual value from the metrics engine, the verdict.

A check at milestone k compares, for the goal's scope and for each part, the value over the
cadence window ending at the milestone with the straight line from the baseline (at the
start) to the target (at the end), ± the tolerance. Counts are compared period-to-date
with the target pro rata. A milestone's checks are stored once (goal, milestone, part);
running the same milestone again returns what was stored. Deviation and achievement are
told to the goal's owner through the outbox, in the same transaction.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.errors import NotFound
from server.goals.allocation import Combination
from server.goals.events import GOAL_CHECKED, GoalChecked
from server.goals.measure import Measured, ScopeNumbers, combination_of, measure, scope_team_ids
from server.goals.models import GOAL_PART, Goal, GoalCheck, GoalPart
from server.goals.planning import higher_is_better
from server.goals.repository import GoalRepository
from server.kernel.domain_events import publish
from server.metrics.api import local_instant_us
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import RecordOwner
from server.timefmt import from_us

ON_TRACK, AHEAD, BEHIND, INSUFFICIENT = "on_track", "ahead", "behind", "insufficient_data"
DRIFTED_KIND, ACHIEVED_KIND = "goal.drifted", "goal.achieved"
MET, MISSED = "met", "missed"


@dataclass(frozen=True)
class Period:
    start_us: int
    end_us: int


def period_of(goal: Goal, settings: Settings) -> Period:
    """The goal's period as instants: local midnight of the start date to local midnight after the end date."""
    zone = settings.zone
    return Period(local_instant_us(goal.start_date, zone), local_instant_us(goal.end_date + timedelta(days=1), zone))


def milestone_instants(period: Period, cadence_s: int) -> list[int]:
    """Milestone k (1-based) at start + k × cadence; the last one at the end of the period."""
    step = cadence_s * 1_000_000
    instants = list(range(period.start_us + step, period.end_us, step))
    return [*instants, period.end_us]


def expected_value(baseline: float | None, target: float, period: Period, at_us: int) -> float:
    """The straight line from the baseline (start) to the target (end) at ``at_us``; the target without a baseline."""
    if baseline is None:
        return target
    fraction = min(1.0, max(0.0, (at_us - period.start_us) / (period.end_us - period.start_us)))
    return baseline + (target - baseline) * fraction


def classify(actual: float | None, expected: float, sample: int, *, minimum: int, tolerance: float, higher: bool, counted: bool) -> str:
    """on_track within ± tolerance of the expected value, ahead or behind beyond it; insufficient below the minimum sample."""
    if actual is None or (not counted and sample < minimum):
        return INSUFFICIENT
    better_by = (actual - expected) if higher else (expected - actual)
    if better_by > tolerance:
        return AHEAD
    if better_by < -tolerance:
        return BEHIND
    return ON_TRACK


@dataclass(frozen=True)
class CheckOutcome:
    """The checks of one run (or those found stored), and the notification intents to complete after commit."""

    checks: list[GoalCheck]
    new: bool
    intents: list[str]

    @property
    def goal_check(self) -> GoalCheck:
        return next(check for check in self.checks if check.part_key == GOAL_PART)


async def _numbers(session: AsyncSession, settings: Settings, goal: Goal, start_us: int, end_us: int, with_parts: bool) -> ScopeNumbers:
    team_ids = await scope_team_ids(session, goal)
    return await measure(
        session, settings, goal, from_us(start_us, settings.zone), from_us(end_us, settings.zone),
        team_ids=team_ids, with_parts=with_parts,
    )


def _part_numbers(numbers: ScopeNumbers, part: GoalPart) -> Measured:
    if part.agent_id is None:
        return numbers.teams.get(part.team_id, Measured(None, 0))
    return numbers.agents.get((part.team_id, part.agent_id), Measured(None, 0))


async def run_check(
    session: AsyncSession, settings: Settings, goal_id: str, *, milestone: int | None, now_us: int
) -> CheckOutcome:
    """Check the goal and its parts at milestone ``milestone`` (None: on demand, up to now), once per milestone."""
    repository = GoalRepository(session)
    goal = await repository.get(goal_id)
    if goal is None or goal.target is None:
        raise NotFound(f"goal {goal_id} does not exist or was never activated", field=("id",))
    check_key = f"m{milestone}" if milestone is not None else f"now-{now_us}"
    stored = await repository.checks(goal_id, check_key)
    if stored:
        return CheckOutcome(stored, new=False, intents=[])
    period = period_of(goal, settings)
    counted = combination_of(goal.metric_key) is Combination.SUM
    if milestone is not None:
        instants = milestone_instants(period, goal.cadence_s)
        end_us = instants[min(milestone, len(instants)) - 1]
    else:
        end_us = min(max(now_us, period.start_us), period.end_us)
    start_us = period.start_us if counted else max(period.start_us, end_us - goal.cadence_s * 1_000_000)
    parts = await repository.parts(goal_id)
    numbers = await _numbers(session, settings, goal, start_us, end_us, with_parts=bool(parts))
    previous = await repository.consecutive_behind(goal_id, milestone - 1) if milestone and milestone > 1 else {}
    higher = higher_is_better(goal)

    def check(part_key: str, baseline: float | None, target: float, measured: Measured) -> GoalCheck:
        expected = expected_value(baseline, target, period, end_us)
        if counted:
            expected = target * (end_us - period.start_us) / (period.end_us - period.start_us)
            measured = Measured(measured.value or 0.0, measured.volume)  # nothing counted is a count of 0
        status = classify(measured.value, expected, measured.volume, minimum=goal.minimum_sample,
                          tolerance=goal.tolerance, higher=higher, counted=counted)
        behind = previous.get(part_key, 0) + 1 if status == BEHIND and milestone is not None else 0
        return GoalCheck(
            check_id=uuid.uuid4().hex, goal_id=goal_id, check_key=check_key, milestone=milestone, part_key=part_key,
            window_start_us=start_us, window_end_us=end_us, expected=expected, actual=measured.value,
            sample_size=measured.volume, status=status, consecutive_behind=behind, checked_at_us=now_us,
        )

    checks = [check(GOAL_PART, goal.baseline, goal.target, numbers.whole)]
    checks += [check(part.part_key, part.baseline, part.target, _part_numbers(numbers, part)) for part in parts]
    session.add_all(checks)
    await session.flush()
    intents: list[str] = []
    if checks[0].status == BEHIND:
        intents += await _tell_owner(session, goal, DRIFTED_KIND, checks[0], f"{DRIFTED_KIND}:{goal_id}:{check_key}", now_us)
    if milestone is not None:
        kinds = {part.part_key: part.part_kind for part in parts}
        for stored_check in checks:
            await publish(session, GOAL_CHECKED, GoalChecked(
                goal_id=goal_id, check_id=stored_check.check_id, part_kind=kinds.get(stored_check.part_key, GOAL_PART),
                part_key=stored_check.part_key, status=stored_check.status,
                consecutive_behind=stored_check.consecutive_behind, metric_key=goal.metric_key,
                expected=stored_check.expected, actual=stored_check.actual, checked_at_us=now_us,
            ))
    return CheckOutcome(checks, new=True, intents=intents)


async def _tell_owner(session: AsyncSession, goal: Goal, kind: str, check: GoalCheck | None, dedup_key: str, now_us: int) -> list[str]:
    payload = {
        "goal_id": goal.goal_id, "name": goal.name, "metric_key": goal.metric_key, "target": goal.target,
        "status": goal.status if check is None else check.status,
        "expected": None if check is None else check.expected, "actual": None if check is None else check.actual,
        "check": None if check is None else check.check_key,
    }
    message = OutboxMessage(kind=kind, subject_kind="goal", subject_id=goal.goal_id, payload=payload, dedup_key=dedup_key)
    _entry, intents = await record_notification(session, message, [RecordOwner(goal.owner_id)], now_us=now_us)
    return intents


async def close_goal(session: AsyncSession, settings: Settings, goal_id: str, *, milestone: int, now_us: int) -> tuple[str, list[str]]:
    """Close an active goal as met (its final check on track or ahead) or missed; a closed goal stays as it is."""
    repository = GoalRepository(session)
    goal = await repository.get(goal_id)
    if goal is None:
        raise NotFound(f"goal {goal_id} does not exist", field=("id",))
    if goal.status != "active":
        return goal.status, []
    final = await run_check(session, settings, goal_id, milestone=milestone, now_us=now_us)
    goal.status = MET if final.goal_check.status in (ON_TRACK, AHEAD) else MISSED
    goal.closed_at_us = goal.updated_at_us = now_us
    session.add(goal)
    await session.flush()
    intents = list(final.intents)
    if goal.status == MET:
        intents += await _tell_owner(session, goal, ACHIEVED_KIND, final.goal_check, f"{ACHIEVED_KIND}:{goal_id}", now_us)
    return goal.status, intents
