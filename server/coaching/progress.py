"""A plan's step at an instant: reminders a day before due dates, escalations of overdue tasks, the evaluation.

Run by the plan's workflow with the workflow's clock. Every write is keyed so that a
retried or replayed step adds nothing: a task remembers when it was reminded and
escalated, the outbox entries carry dedup keys, and a plan ends once.
"""

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.events import PLAN_ENDED, PlanEnded
from server.coaching.models import CoachingPlan, CoachingTask
from server.coaching.plans import ACTIVE, DONE, ENDED, tasks_of
from server.kernel.domain_events import publish
from server.notifications.outbox import OutboxMessage, record_notification
from server.people.recipients import ManagersOf, TheAgent

DAY_US = 86_400_000_000
REMINDER_LEAD_US = DAY_US


@dataclass
class Step:
    """What one step did, and when the plan needs looking at again (None once it is over)."""

    status: str
    next_at_us: int | None
    reminders: int = 0
    escalations: int = 0
    intents: list[str] = field(default_factory=list)


def next_instant(tasks: list[CoachingTask], at_us: int, evaluation_at_us: int) -> int:
    """The earliest reminder, escalation or evaluation still to come after ``at_us``."""
    upcoming = [evaluation_at_us]
    for task in tasks:
        if task.status in DONE:
            continue
        remind_at = task.due_at_us - REMINDER_LEAD_US
        if task.reminded_at_us is None and remind_at > at_us:
            upcoming.append(remind_at)
        if task.escalated_at_us is None and task.due_at_us > at_us:
            upcoming.append(task.due_at_us)
    return min(upcoming)


def _task_payload(plan: CoachingPlan, task: CoachingTask) -> dict[str, object]:
    return {"planId": plan.plan_id, "taskId": task.task_id, "agentId": plan.agent_id, "kind": task.kind, "dueAtUs": task.due_at_us}


async def _remind_and_escalate(session: AsyncSession, plan: CoachingPlan, tasks: list[CoachingTask], at_us: int, step: Step) -> None:
    for task in tasks:
        if task.status in DONE:
            continue
        if task.escalated_at_us is None and task.due_at_us <= at_us:
            message = OutboxMessage("task.overdue", "coaching_task", task.task_id, _task_payload(plan, task),
                                    dedup_key=f"task.overdue:{task.task_id}:{task.due_at_us}")
            _entry, intents = await record_notification(session, message, [ManagersOf(plan.team_id)], now_us=at_us)
            task.escalated_at_us = at_us
            step.escalations += 1
            step.intents.extend(intents)
        elif task.reminded_at_us is None and task.due_at_us - REMINDER_LEAD_US <= at_us < task.due_at_us:
            message = OutboxMessage("task.reminder", "coaching_task", task.task_id, _task_payload(plan, task),
                                    dedup_key=f"task.reminder:{task.task_id}:{task.due_at_us}")
            _entry, intents = await record_notification(session, message, [TheAgent(plan.agent_id)], now_us=at_us)
            task.reminded_at_us = at_us
            step.reminders += 1
            step.intents.extend(intents)


async def coached_on_metric(session: AsyncSession, metric_key: str, from_us: int, to_us: int) -> tuple[str, ...]:
    """Agents with a plan on ``metric_key`` whose time overlaps [from_us, to_us) (cancelled ones until they were cancelled)."""
    finish = CoachingPlan.evaluation_at_us
    statement = select(CoachingPlan.agent_id).where(
        CoachingPlan.metric_key == metric_key, CoachingPlan.starts_at_us < to_us,
        or_(CoachingPlan.ended_at_us.is_(None), CoachingPlan.ended_at_us > from_us),  # type: ignore[union-attr]
        finish > from_us,
    ).distinct()
    return tuple(sorted((await session.execute(statement)).scalars()))


def plan_ended(plan: CoachingPlan, coached: tuple[str, ...], at_us: int) -> PlanEnded:
    """The event: before = as long as the plan ran, just before it started; after = the plan's own time."""
    length = plan.evaluation_at_us - plan.starts_at_us
    return PlanEnded(
        plan_id=plan.plan_id, agent_id=plan.agent_id, team_id=plan.team_id, metric_key=plan.metric_key, goal_id=plan.goal_id,
        before_start_us=plan.starts_at_us - length, before_end_us=plan.starts_at_us,
        after_start_us=plan.starts_at_us, after_end_us=plan.evaluation_at_us,
        agents_with_plan_on_metric=coached, ended_at_us=at_us,
    )


async def advance_plan(session: AsyncSession, plan_id: str, at_us: int) -> Step | None:
    """Do what is due by ``at_us`` for the plan; None when there is no such plan."""
    plan = await session.get(CoachingPlan, plan_id)
    if plan is None:
        return None
    if plan.status != ACTIVE:
        return Step(plan.status, None)
    tasks = await tasks_of(session, plan_id)
    step = Step(ACTIVE, None)
    await _remind_and_escalate(session, plan, tasks, min(at_us, plan.evaluation_at_us), step)
    if at_us >= plan.evaluation_at_us:
        plan.status, plan.ended_at_us, plan.updated_at_us = ENDED, at_us, at_us
        await session.flush()
        before_start = plan.starts_at_us - (plan.evaluation_at_us - plan.starts_at_us)
        coached = await coached_on_metric(session, plan.metric_key, before_start, plan.evaluation_at_us)
        await publish(session, PLAN_ENDED, plan_ended(plan, coached, at_us))
        step.status = ENDED
        return step
    await session.flush()
    step.next_at_us = next_instant(tasks, at_us, plan.evaluation_at_us)
    return step
