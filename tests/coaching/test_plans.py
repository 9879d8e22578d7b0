"""A plan's life in the service: tasks stepped through, reminders a day ahead, escalation when overdue, the end
with its windows and the other agents coached on the metric (SQLite and PostgreSQL)."""

import pytest
from server.coaching.models import CoachingPlan
from server.coaching.plans import PlanChange, PlanProblem, PlanSpec, TaskSpec, cancel_plan, change_plan, move_task, open_plan, tasks_of
from server.coaching.progress import advance_plan, coached_on_metric, plan_ended
from server.coaching.review import tasks_section
from server.db import transaction
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.coaching.support import DAY_US, START_US, outbox, seed_organisation

HOUR_US = 3_600_000_000


def spec(agent: str = "a1", metric: str = "fcr_rate", start: int = START_US, days: int = 14) -> PlanSpec:
    return PlanSpec(
        agent_id=agent, metric_key=metric, title="首问解决", starts_at_us=start, evaluation_at_us=start + days * DAY_US,
        tasks=(TaskSpec("training_module", "课程一", start + 3 * DAY_US), TaskSpec("shadowing", "跟岗", start + 5 * DAY_US)),
    )


async def open_one(sessionmaker: async_sessionmaker[AsyncSession], plan_spec: PlanSpec) -> str:
    async with transaction(sessionmaker) as session:
        plan, _written = await open_plan(session, plan_spec, actor="u-east", now_us=plan_spec.starts_at_us)
        return plan.plan_id


async def step(sessionmaker: async_sessionmaker[AsyncSession], plan_id: str, at_us: int) -> tuple:
    async with transaction(sessionmaker) as session:
        done = await advance_plan(session, plan_id, at_us)
        assert done is not None
        return done.status, done.next_at_us, done.reminders, done.escalations


async def test_reminders_escalation_and_end_happen_once_each(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    plan_id = await open_one(sessionmaker, spec())
    async with transaction(sessionmaker) as session:
        plan = await session.get(CoachingPlan, plan_id)
        [first, second] = await tasks_of(session, plan_id)
        await move_task(session, plan, second, "complete", actor="a1", now_us=START_US + DAY_US, evidence="跟岗记录")
        first_id, second_id = first.task_id, second.task_id

    steps = [
        await step(sessionmaker, plan_id, START_US),
        await step(sessionmaker, plan_id, START_US + 2 * DAY_US),
        await step(sessionmaker, plan_id, START_US + 2 * DAY_US),  # a retried step
        await step(sessionmaker, plan_id, START_US + 3 * DAY_US),
        await step(sessionmaker, plan_id, START_US + 3 * DAY_US + HOUR_US),
        await step(sessionmaker, plan_id, START_US + 14 * DAY_US),
        await step(sessionmaker, plan_id, START_US + 15 * DAY_US),
    ]
    assert steps == [
        ("active", START_US + 2 * DAY_US, 0, 0),
        ("active", START_US + 3 * DAY_US, 1, 0),
        ("active", START_US + 3 * DAY_US, 0, 0),
        ("active", START_US + 14 * DAY_US, 0, 1),
        ("active", START_US + 14 * DAY_US, 0, 0),
        ("ended", None, 0, 0),
        ("ended", None, 0, 0),
    ]
    assert await outbox(sessionmaker) == [
        ("plan.assigned", plan_id, "a1"),
        ("task.overdue", first_id, "u-east"), ("task.overdue", first_id, "u-root"),
        ("task.reminder", first_id, "a1"),
    ]
    assert second_id != first_id


async def test_the_task_steps_and_what_each_state_refuses(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    plan_id = await open_one(sessionmaker, spec())
    async with transaction(sessionmaker) as session:
        plan = await session.get(CoachingPlan, plan_id)
        task = (await tasks_of(session, plan_id))[0]
        with pytest.raises(PlanProblem) as early:
            await move_task(session, plan, task, "verify", actor="u-east", now_us=START_US)
        await move_task(session, plan, task, "acknowledge", actor="a1", now_us=START_US + 1)
        with pytest.raises(PlanProblem) as bare:
            await move_task(session, plan, task, "complete", actor="a1", now_us=START_US + 2, evidence="  ")
        await move_task(session, plan, task, "complete", actor="a1", now_us=START_US + 2, evidence="学完了")
        await move_task(session, plan, task, "reopen", actor="u-east", now_us=START_US + 3, note="请补充笔记", due_at_us=START_US + 4 * DAY_US)
        states = [(task.status, task.due_at_us, task.completed_at_us, task.review_note)]
        await move_task(session, plan, task, "complete", actor="a1", now_us=START_US + 5, evidence="笔记已补")
        await move_task(session, plan, task, "verify", actor="u-east", now_us=START_US + 6)
        states.append((task.status, task.verified_by, task.evidence))
    assert (early.value.message, early.value.state) == ("a task that is open cannot be verified", True)
    assert (bare.value.message, bare.value.field) == ("evidence is required (at most 4000 characters)", ("evidence",))
    assert states == [("open", START_US + 4 * DAY_US, None, "请补充笔记"), ("verified", "u-east", "笔记已补")]


async def test_change_and_cancel(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    plan_id = await open_one(sessionmaker, spec())
    async with transaction(sessionmaker) as session:
        plan = await session.get(CoachingPlan, plan_id)
        first = (await tasks_of(session, plan_id))[0]
        with pytest.raises(PlanProblem) as too_early:
            await change_plan(session, plan, PlanChange(evaluation_at_us=START_US + 4 * DAY_US), now_us=START_US)
        await change_plan(session, plan, PlanChange(
            title="首问解决（加强）", add_tasks=(TaskSpec("kb_reading", "读退款文章", START_US + 6 * DAY_US),), cancel_task_ids=(first.task_id,),
        ), now_us=START_US + 1)
        kept = [(task.kind, task.status, task.position) for task in await tasks_of(session, plan_id)]
        await cancel_plan(session, plan, now_us=START_US + 2)
        after = [task.status for task in await tasks_of(session, plan_id)]
        with pytest.raises(PlanProblem) as again:
            await cancel_plan(session, plan, now_us=START_US + 3)
    assert too_early.value.message == "open tasks are due after that evaluation date"
    assert kept == [("training_module", "cancelled", 0), ("shadowing", "open", 1), ("kb_reading", "open", 2)]
    assert (plan.title, plan.status, plan.ended_at_us, after) == ("首问解决（加强）", "cancelled", START_US + 2, ["cancelled"] * 3)
    assert (again.value.message, again.value.state) == (f"plan {plan_id} is cancelled", True)
    assert await step(sessionmaker, plan_id, START_US + 20 * DAY_US) == ("cancelled", None, 0, 0)


async def test_the_end_names_its_windows_and_everyone_coached_on_the_metric(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    plan_id = await open_one(sessionmaker, spec())
    await open_one(sessionmaker, spec(agent="a3", start=START_US - 20 * DAY_US, days=10))  # overlaps the before-window
    await open_one(sessionmaker, spec(agent="a2", start=START_US - 40 * DAY_US, days=10))  # over before the before-window
    await open_one(sessionmaker, spec(agent="a2", metric="csat_avg"))  # another metric
    async with sessionmaker() as session:
        plan = await session.get(CoachingPlan, plan_id)
        assert plan is not None
        coached = await coached_on_metric(session, "fcr_rate", START_US - 14 * DAY_US, START_US + 14 * DAY_US)
        event = plan_ended(plan, coached, START_US + 14 * DAY_US)
    assert coached == ("a1", "a3")
    assert (event.before_start_us, event.before_end_us, event.after_start_us, event.after_end_us) == (
        START_US - 14 * DAY_US, START_US, START_US, START_US + 14 * DAY_US,
    )
    assert (event.plan_id, event.agent_id, event.team_id, event.metric_key, event.agents_with_plan_on_metric) == (
        plan_id, "a1", "t-east", "fcr_rate", ("a1", "a3"),
    )


async def test_the_review_section_lists_open_and_overdue_tasks_of_the_team_and_its_sub_teams(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    await open_one(sessionmaker, spec())
    await open_one(sessionmaker, spec(agent="a2"))
    await open_one(sessionmaker, spec(agent="a3"))
    async with sessionmaker() as session:
        section = await tasks_section(session, "t-east", START_US + 4 * DAY_US)
    assert (section.key, section.title_zh, section.data["open"], section.data["overdue"]) == ("coaching.tasks", "未完成与逾期的辅导任务", 2, 2)
    assert sorted((row["agentId"], row["kind"], row["overdue"]) for row in section.data["tasks"]) == [
        ("a1", "shadowing", False), ("a1", "training_module", True), ("a2", "shadowing", False), ("a2", "training_module", True),
    ]
