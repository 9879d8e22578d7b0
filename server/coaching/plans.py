"""Coaching plans and tasks: assigning, changing, cancelling, and each task's way from open to verified.

Every change is written in the caller's transaction together with an intent that starts
(or signals) the plan's workflow ``plan-<id>`` once the transaction commits, and with the
outbox entries that tell the agent. The functions here take a session, so a request and a
rule's remediation assign plans the same way.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.models import CoachingPlan, CoachingTask
from server.intents.service import record_intent
from server.notifications.outbox import OutboxMessage, record_notification
from server.org.models import Agent
from server.people.recipients import TheAgent
from server.timefmt import to_us

PLAN_WORKFLOW_INTENT = "coaching.plan_workflow"
TASK_KINDS = ("training_module", "script_practice", "kb_reading", "shadowing", "one_to_one", "custom")
ACTIVE, ENDED, CANCELLED = "active", "ended", "cancelled"
OPEN, ACKNOWLEDGED, COMPLETED, VERIFIED, TASK_CANCELLED = "open", "acknowledged", "completed", "verified", "cancelled"
DONE = frozenset({COMPLETED, VERIFIED, TASK_CANCELLED})
"""Task states nobody is reminded of or escalated for."""
MAX_TASKS = 50
EVIDENCE_LIMIT = 4000


class PlanProblem(ValueError):
    """A change refused: ``field`` is the input field at fault; ``state`` when the record's state forbids it."""

    def __init__(self, message: str, field: Sequence[str] | None = None, *, state: bool = False, missing: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.field = tuple(field) if field is not None else None
        self.state = state
        self.missing = missing


@dataclass(frozen=True)
class TaskSpec:
    kind: str
    title: str
    due_at_us: int
    detail: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class PlanSpec:
    agent_id: str
    metric_key: str
    title: str
    starts_at_us: int
    evaluation_at_us: int
    tasks: tuple[TaskSpec, ...]
    goal_id: str | None = None
    note: str | None = None
    source: str = "manager"
    source_key: str | None = None


@dataclass
class Written:
    """What a change wrote that must be completed after the commit: intents to nudge."""

    intents: list[str] = field(default_factory=list)


def end_of_day_us(day: date, zone: ZoneInfo) -> int:
    """The instant a local date ends (the next day's local midnight): when a date-only deadline passes."""
    return to_us(datetime.combine(day + timedelta(days=1), time(), tzinfo=zone))


def check_tasks(tasks: Sequence[TaskSpec], *, starts_at_us: int, evaluation_at_us: int, path: str = "tasks") -> None:
    """Task kinds, titles and due dates within the plan; PlanProblem names the task and field."""
    if len(tasks) > MAX_TASKS:
        raise PlanProblem(f"at most {MAX_TASKS} tasks", (path,))
    for index, task in enumerate(tasks):
        if task.kind not in TASK_KINDS:
            raise PlanProblem(f"task #{index + 1}: kind must be one of {', '.join(TASK_KINDS)}", (path, str(index), "kind"))
        if not task.title.strip():
            raise PlanProblem(f"task #{index + 1}: a title is required", (path, str(index), "title"))
        if not starts_at_us < task.due_at_us <= evaluation_at_us:
            raise PlanProblem(f"task #{index + 1}: due between the start and the evaluation date", (path, str(index), "dueDate"))


def _task_rows(plan_id: str, tasks: Sequence[TaskSpec], first_position: int, now_us: int) -> list[CoachingTask]:
    return [
        CoachingTask(
            task_id=uuid.uuid4().hex, plan_id=plan_id, position=first_position + index, kind=task.kind, title=task.title.strip(),
            detail=task.detail, reference=task.reference, due_at_us=task.due_at_us, status=OPEN,
            created_at_us=now_us, updated_at_us=now_us,
        )
        for index, task in enumerate(tasks)
    ]


def nudge_workflow(session: AsyncSession, plan_id: str, written: Written, *, now_us: int) -> None:
    """Start or signal ``plan-<id>`` once the transaction commits (durably: an intent)."""
    written.intents.append(record_intent(session, PLAN_WORKFLOW_INTENT, {"plan_id": plan_id}, now_us=now_us))


async def agent_team(session: AsyncSession, agent_id: str) -> str | None:
    return (await session.execute(select(Agent.team_id).where(Agent.agent_id == agent_id))).scalar_one_or_none()


async def open_plan(session: AsyncSession, spec: PlanSpec, *, actor: str, now_us: int) -> tuple[CoachingPlan, Written]:
    """Add a plan and its tasks, tell the agent, and ask for its workflow; PlanProblem for a bad spec."""
    team_id = await agent_team(session, spec.agent_id)
    if team_id is None:
        raise PlanProblem(f"no agent {spec.agent_id}", ("agentId",), missing=True)
    if spec.evaluation_at_us <= spec.starts_at_us:
        raise PlanProblem("the evaluation date is after the start", ("evaluationDate",))
    check_tasks(spec.tasks, starts_at_us=spec.starts_at_us, evaluation_at_us=spec.evaluation_at_us)
    plan = CoachingPlan(
        plan_id=uuid.uuid4().hex, agent_id=spec.agent_id, team_id=team_id, metric_key=spec.metric_key, goal_id=spec.goal_id,
        title=spec.title.strip(), note=spec.note, status=ACTIVE, source=spec.source, source_key=spec.source_key,
        created_by=actor, starts_at_us=spec.starts_at_us, evaluation_at_us=spec.evaluation_at_us,
        created_at_us=now_us, updated_at_us=now_us,
    )
    session.add(plan)
    session.add_all(_task_rows(plan.plan_id, spec.tasks, 0, now_us))
    await session.flush()
    written = Written()
    nudge_workflow(session, plan.plan_id, written, now_us=now_us)
    message = OutboxMessage(
        "plan.assigned", "coaching_plan", plan.plan_id,
        {"planId": plan.plan_id, "metric": plan.metric_key, "tasks": len(spec.tasks), "evaluationAtUs": plan.evaluation_at_us},
        dedup_key=f"plan.assigned:{plan.plan_id}",
    )
    _entry, intents = await record_notification(session, message, [TheAgent(plan.agent_id)], now_us=now_us)
    written.intents.extend(intents)
    return plan, written


async def tasks_of(session: AsyncSession, plan_id: str) -> list[CoachingTask]:
    statement = select(CoachingTask).where(CoachingTask.plan_id == plan_id).order_by(CoachingTask.position)
    return list((await session.execute(statement)).scalars())


@dataclass(frozen=True)
class PlanChange:
    title: str | None = None
    note: str | None = None
    evaluation_at_us: int | None = None
    add_tasks: tuple[TaskSpec, ...] = ()
    cancel_task_ids: tuple[str, ...] = ()


async def change_plan(session: AsyncSession, plan: CoachingPlan, change: PlanChange, *, now_us: int) -> Written:
    """Retitle, move the evaluation date, add or cancel tasks of an active plan; the workflow is signalled."""
    if plan.status != ACTIVE:
        raise PlanProblem(f"plan {plan.plan_id} is {plan.status}", ("id",), state=True)
    tasks = await tasks_of(session, plan.plan_id)
    by_id = {task.task_id: task for task in tasks}
    evaluation_at_us = change.evaluation_at_us if change.evaluation_at_us is not None else plan.evaluation_at_us
    if evaluation_at_us <= plan.starts_at_us:
        raise PlanProblem("the evaluation date is after the start", ("evaluationDate",))
    if any(task.due_at_us > evaluation_at_us and task.status not in DONE for task in tasks):
        raise PlanProblem("open tasks are due after that evaluation date", ("evaluationDate",))
    check_tasks(change.add_tasks, starts_at_us=plan.starts_at_us, evaluation_at_us=evaluation_at_us, path="addTasks")
    for index, task_id in enumerate(change.cancel_task_ids):
        task = by_id.get(task_id)
        if task is None:
            raise PlanProblem(f"no task {task_id} in this plan", ("cancelTaskIds", str(index)), missing=True)
        if task.status not in DONE:
            task.status, task.updated_at_us = TASK_CANCELLED, now_us
    if change.title is not None:
        if not change.title.strip():
            raise PlanProblem("a title is required", ("title",))
        plan.title = change.title.strip()
    if change.note is not None:
        plan.note = change.note
    plan.evaluation_at_us = evaluation_at_us
    plan.updated_at_us = now_us
    session.add_all(_task_rows(plan.plan_id, change.add_tasks, len(tasks), now_us))
    await session.flush()
    written = Written()
    nudge_workflow(session, plan.plan_id, written, now_us=now_us)
    return written


async def cancel_plan(session: AsyncSession, plan: CoachingPlan, *, now_us: int) -> Written:
    """Cancel an active plan and its unfinished tasks; its workflow ends without an evaluation."""
    if plan.status != ACTIVE:
        raise PlanProblem(f"plan {plan.plan_id} is {plan.status}", ("id",), state=True)
    for task in await tasks_of(session, plan.plan_id):
        if task.status not in DONE:
            task.status, task.updated_at_us = TASK_CANCELLED, now_us
    plan.status, plan.ended_at_us, plan.updated_at_us = CANCELLED, now_us, now_us
    await session.flush()
    written = Written()
    nudge_workflow(session, plan.plan_id, written, now_us=now_us)
    return written


PAST = {"acknowledge": "acknowledged", "complete": "completed", "verify": "verified", "reopen": "reopened"}
TRANSITIONS = {
    "acknowledge": ({OPEN}, ACKNOWLEDGED),
    "complete": ({OPEN, ACKNOWLEDGED}, COMPLETED),
    "verify": ({COMPLETED}, VERIFIED),
    "reopen": ({COMPLETED, VERIFIED}, OPEN),
}


async def move_task(
    session: AsyncSession, plan: CoachingPlan, task: CoachingTask, step: str, *, actor: str, now_us: int,
    evidence: str | None = None, note: str | None = None, due_at_us: int | None = None,
) -> Written:
    """One step of a task: acknowledge, complete (with evidence), verify, reopen (optionally with a new due date)."""
    allowed, target = TRANSITIONS[step]
    if plan.status != ACTIVE:
        raise PlanProblem(f"plan {plan.plan_id} is {plan.status}", ("id",), state=True)
    if task.status not in allowed:
        raise PlanProblem(f"a task that is {task.status} cannot be {PAST[step]}", ("id",), state=True)
    written = Written()
    if step == "complete":
        if evidence is None or not evidence.strip() or len(evidence) > EVIDENCE_LIMIT:
            raise PlanProblem(f"evidence is required (at most {EVIDENCE_LIMIT} characters)", ("evidence",))
        task.evidence, task.completed_at_us = evidence.strip(), now_us
    elif step == "acknowledge":
        task.acknowledged_at_us = now_us
    elif step == "verify":
        task.verified_at_us, task.verified_by, task.review_note = now_us, actor, note
    else:
        if due_at_us is not None:
            if not plan.starts_at_us < due_at_us <= plan.evaluation_at_us:
                raise PlanProblem("due between the start and the evaluation date", ("dueDate",))
            if due_at_us != task.due_at_us:
                task.due_at_us, task.reminded_at_us, task.escalated_at_us = due_at_us, None, None
        task.review_note, task.completed_at_us, task.verified_at_us, task.verified_by = note, None, None, None
        nudge_workflow(session, plan.plan_id, written, now_us=now_us)
    task.status, task.updated_at_us = target, now_us
    await session.flush()
    return written
