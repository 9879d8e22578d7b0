"""``plan-<id>`` on Temporal's time-skipping server: a two-week plan runs in seconds, a signal reaches it, reminders and
the escalation fire once; its recorded history replays."""

import asyncio
import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from server.coaching.handlers import coaching_handlers
from server.coaching.models import CoachingPlan
from server.coaching.plans import PLAN_WORKFLOW_INTENT, PlanSpec, TaskSpec, Written, move_task, open_plan, tasks_of
from server.config import Settings
from server.db import transaction
from server.goals.events import GOAL_CHECKED, GoalChecked
from server.intents.models import Intent
from server.intents.service import complete_intent
from server.kernel.domain_events import publish
from server.timefmt import now_us, to_us
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowFailureError, WorkflowHandle, WorkflowHistory
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker
from workflows.coaching.activities import CoachingActivities
from workflows.coaching.inputs import PlanOutcome, PlanWorkflowInput, SweepInput
from workflows.coaching.start import plan_workflow_id
from workflows.coaching.workflows import CoachingPlanWorkflow, CoachingRulesSweepWorkflow
from workflows.registry import build_activities

from tests.coaching.support import DAY_US, outbox, seed_organisation
from tests.workflows.conftest import task_queue, time_skipping_env  # noqa: F401  (fixtures)

RECORDED_HISTORY = Path(__file__).parent / "histories" / "coaching_plan.json"


async def nudge(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, client: Client, queue: str, written: Written) -> None:
    async def client_for(_settings: Settings) -> tuple[Client, str]:
        return client, queue

    handlers = coaching_handlers(client_for)
    for intent_id in written.intents:
        await complete_intent(sessionmaker, intent_id, {**handlers, "notifications.in_app": _skip, "notifications.webhooks": _skip}, settings, now_us=now_us())


async def _skip(_payload: object, _settings: Settings) -> None:
    return None


async def first_step_done(handle: WorkflowHandle) -> None:
    for _attempt in range(100):
        events = [event.event_type async for event in handle.fetch_history_events()]
        if EventType.EVENT_TYPE_TIMER_STARTED in events:
            return
        await asyncio.sleep(0.1)
    failures = [str(event)[:600] async for event in handle.fetch_history_events() if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED]
    raise AssertionError(f"the plan workflow never waited on its first timer: {failures}")


async def test_a_plan_runs_to_its_evaluation_with_one_reminder_and_one_escalation(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, task_queue: str,  # noqa: F811
) -> None:
    await seed_organisation(sessionmaker)
    client = time_skipping_env.client
    start = to_us(await time_skipping_env.get_current_time())  # the shared server's clock, skipped ahead by earlier tests
    spec = PlanSpec(
        agent_id="a1", metric_key="fcr_rate", title="首问解决", starts_at_us=start, evaluation_at_us=start + 14 * DAY_US,
        tasks=(TaskSpec("training_module", "课程一", start + 3 * DAY_US), TaskSpec("shadowing", "跟岗", start + 5 * DAY_US)),
    )
    activities = build_activities(sessionmaker, settings, [CoachingActivities])
    async with Worker(client, task_queue=task_queue, workflows=[CoachingPlanWorkflow], activities=activities):
        async with transaction(sessionmaker) as session:
            plan, written = await open_plan(session, spec, actor="u-east", now_us=start)
            plan_id = plan.plan_id
        await nudge(sessionmaker, settings, client, task_queue, written)
        await nudge(sessionmaker, settings, client, task_queue, written)  # a second completion is a no-op
        handle = client.get_workflow_handle_for(CoachingPlanWorkflow.run, plan_workflow_id(plan_id))
        await first_step_done(handle)
        async with transaction(sessionmaker) as session:
            stored = await session.get(CoachingPlan, plan_id)
            assert stored is not None
            [first, second] = await tasks_of(session, plan_id)
            done = await move_task(session, stored, second, "complete", actor="a1", now_us=now_us(), evidence="跟岗记录")
            done.intents.append(written.intents[0])  # the start intent once more: already completed, nothing happens
        await nudge(sessionmaker, settings, client, task_queue, Written([*done.intents]))
        await time_skipping_env.sleep(timedelta(days=15))  # the start's handle is the intent handler's: skip time here
        outcome: PlanOutcome = await handle.result()
        if os.environ.get("COACHLOOP_RECORD_HISTORY"):
            history = await handle.fetch_history()
            document = {"workflow_id": history.workflow_id, "event_count": len(history.events), "history": json.loads(history.to_json())}
            RECORDED_HISTORY.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        replay = await Replayer(workflows=[CoachingPlanWorkflow]).replay_workflow(await handle.fetch_history())

    async with sessionmaker() as session:
        ended = await session.get(CoachingPlan, plan_id)
        assert ended is not None
        status, started = ended.status, ended.workflow_started_at_us is not None
    assert (outcome.status, outcome.reminders, outcome.escalations) == ("ended", 1, 1)
    assert (status, started) == ("ended", True)
    assert replay.replay_failure is None
    assert await outbox(sessionmaker) == [
        ("plan.assigned", plan_id, "a1"),
        ("task.overdue", first.task_id, "u-east"), ("task.overdue", first.task_id, "u-root"),
        ("task.reminder", first.task_id, "a1"),
    ]


async def test_the_recorded_history_still_replays() -> None:
    """A plan's history recorded from an earlier version: a change that breaks running plans fails here."""
    recorded = json.loads(RECORDED_HISTORY.read_text(encoding="utf-8"))
    history = WorkflowHistory.from_json(recorded["workflow_id"], recorded["history"])
    replay = await Replayer(workflows=[CoachingPlanWorkflow]).replay_workflow(history)
    assert replay.replay_failure is None
    assert len(history.events) == recorded["event_count"]


async def test_the_rules_sweep_runs_daily_and_continues_as_new(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, task_queue: str,  # noqa: F811
) -> None:
    client = time_skipping_env.client
    activities = build_activities(sessionmaker, settings, [CoachingActivities])
    async with Worker(client, task_queue=task_queue, workflows=[CoachingRulesSweepWorkflow], activities=activities):
        handle = await client.start_workflow(
            CoachingRulesSweepWorkflow.run, SweepInput(every_hours=24, sweeps_before_continue=2), id=f"sweep-{task_queue}", task_queue=task_queue,
        )
        await time_skipping_env.sleep(timedelta(days=3, hours=1))
        first_run = [event.event_type async for event in client.get_workflow_handle(handle.id, run_id=handle.result_run_id).fetch_history_events()]
        await handle.terminate("the test is over")
    assert first_run.count(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) == 2
    assert first_run[-1] == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW


async def test_a_behind_agents_remediation_plan_runs_on_temporal_with_every_task_reminded_and_escalated_once(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, task_queue: str,  # noqa: F811
) -> None:
    await seed_organisation(sessionmaker)
    client = time_skipping_env.client
    checked_at = to_us(await time_skipping_env.get_current_time())
    event = GoalChecked(
        goal_id="g1", check_id="c3", part_kind="agent", part_key="agent:t-east:a1", status="behind", consecutive_behind=3,
        metric_key="fcr_rate", expected=0.8, actual=0.62, checked_at_us=checked_at,
    )
    for _replay in range(2):
        async with transaction(sessionmaker) as session:
            await publish(session, GOAL_CHECKED, event)
    async with sessionmaker() as session:
        pending = (await session.execute(select(Intent.intent_id).where(Intent.kind == PLAN_WORKFLOW_INTENT))).scalars().all()
        [plan_id] = (await session.execute(select(CoachingPlan.plan_id))).scalars().all()
    activities = build_activities(sessionmaker, settings, [CoachingActivities])
    async with Worker(client, task_queue=task_queue, workflows=[CoachingPlanWorkflow], activities=activities):
        await nudge(sessionmaker, settings, client, task_queue, Written(list(pending)))
        handle = client.get_workflow_handle_for(CoachingPlanWorkflow.run, plan_workflow_id(plan_id))
        await first_step_done(handle)
        await time_skipping_env.sleep(timedelta(days=29))
        outcome: PlanOutcome = await handle.result()
    entries = await outbox(sessionmaker)

    assert len(pending) == 1
    assert (outcome.status, outcome.reminders, outcome.escalations) == ("ended", 7, 7)
    assert [kind for kind, _subject, _user in entries].count("task.reminder") == 7
    assert sorted({user for kind, _subject, user in entries if kind == "task.overdue"}) == ["u-east", "u-root"]
    assert [kind for kind, _subject, _user in entries].count("task.overdue") == 14
    assert [kind for kind, _subject, _user in entries].count("plan.assigned") == 1


async def test_a_plan_that_does_not_exist_fails_at_once_without_retries(
    time_skipping_env: WorkflowEnvironment,  # noqa: F811
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, task_queue: str,  # noqa: F811
) -> None:
    client = time_skipping_env.client
    activities = build_activities(sessionmaker, settings, [CoachingActivities])
    async with Worker(client, task_queue=task_queue, workflows=[CoachingPlanWorkflow], activities=activities):
        handle = await client.start_workflow(CoachingPlanWorkflow.run, PlanWorkflowInput("p-none"), id=f"plan-none-{task_queue}", task_queue=task_queue)
        with pytest.raises(WorkflowFailureError) as failed:
            await handle.result()
        attempts = [
            event.activity_task_started_event_attributes.attempt async for event in handle.fetch_history_events()
            if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
        ]
    cause = failed.value.cause.cause
    assert isinstance(cause, ApplicationError)
    assert (cause.type, cause.non_retryable, str(cause.message)) == ("PlanNotFound", True, "no coaching plan p-none")
    assert attempts == [1]
