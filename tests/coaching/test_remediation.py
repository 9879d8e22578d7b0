"""Remediation on goal checks: a behind streak reaching N opens one plan and records its actions, once however often
the check is published again (SQLite and PostgreSQL)."""

import json

from server.coaching.models import CoachingPlan, CoachingTask, RemediationAction
from server.coaching.remediation import remediate_check
from server.coaching.rules import parse_rules, store_rules
from server.db import transaction
from server.goals.events import GOAL_CHECKED, GoalChecked
from server.intents.models import Intent
from server.kernel.domain_events import publish
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.coaching.support import DAY_US, START_US, outbox, seed_organisation


def checked(consecutive: int, *, part_kind: str = "agent", part_key: str = "agent:t-east:a1", status: str = "behind", check: str = "c3") -> GoalChecked:
    return GoalChecked(
        goal_id="g1", check_id=check, part_kind=part_kind, part_key=part_key, status=status, consecutive_behind=consecutive,
        metric_key="fcr_rate", expected=0.8, actual=0.62, checked_at_us=START_US,
    )


async def test_a_third_behind_check_opens_one_plan_however_often_it_is_published(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    for _replay in range(3):
        async with transaction(sessionmaker) as session:
            await publish(session, GOAL_CHECKED, checked(3))
    async with sessionmaker() as session:
        plans = (await session.execute(select(CoachingPlan))).scalars().all()
        tasks = (await session.execute(select(CoachingTask).order_by(CoachingTask.position))).scalars().all()
        actions = (await session.execute(select(RemediationAction).order_by(RemediationAction.unique_key))).scalars().all()
        intents = (await session.execute(select(Intent.kind).order_by(Intent.kind))).scalars().all()

    [plan] = plans
    assert (plan.agent_id, plan.team_id, plan.metric_key, plan.goal_id, plan.source, plan.status) == ("a1", "t-east", "fcr_rate", "g1", "rules", "active")
    assert plan.evaluation_at_us - plan.starts_at_us == 28 * DAY_US
    assert [(task.kind, task.reference, (task.due_at_us - START_US) // DAY_US) for task in tasks] == [
        ("training_module", "first-contact-resolution", 3), ("training_module", "first-contact-resolution", 7),
        ("training_module", "first-contact-resolution", 14),
        ("script_practice", "account-locked", 7), ("script_practice", "account-password", 7), ("script_practice", "account-verify", 7),
        ("one_to_one", None, 3),
    ]
    assert [(a.unique_key, a.rule_id, a.rule_version, a.action_type, a.plan_id, a.check_id) for a in actions] == [
        ("behind-three-checks:check:c3:0", "behind-three-checks", 0, "assign_training_path", plan.plan_id, "c3"),
        ("behind-three-checks:check:c3:1", "behind-three-checks", 0, "suggest_script_templates", plan.plan_id, "c3"),
        ("behind-three-checks:check:c3:2", "behind-three-checks", 0, "book_one_to_one", plan.plan_id, "c3"),
    ]
    assert json.loads(actions[0].trigger) == {
        "actual": 0.62, "checkedAtUs": START_US, "consecutiveBehind": 3, "expected": 0.8, "metric": "fcr_rate",
    }
    assert json.loads(actions[1].detail) == {"categories": [], "templates": ["account-locked", "account-password", "account-verify"]}
    assert intents == ["coaching.plan_workflow", "notifications.in_app", "notifications.webhooks"]
    assert await outbox(sessionmaker) == [("plan.assigned", plan.plan_id, "a1")]


async def test_checks_that_are_not_the_streaks_nth_take_no_action(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    async with transaction(sessionmaker) as session:
        found = [
            await remediate_check(session, checked(2)),
            await remediate_check(session, checked(4, check="c4")),
            await remediate_check(session, checked(3, status="on_track")),
            await remediate_check(session, checked(3, part_kind="goal", part_key="goal")),
        ]
    assert found == [[], [], [], []]


async def test_a_team_behind_takes_only_team_actions_under_the_stored_version(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    await seed_organisation(sessionmaker)
    rules = parse_rules([{
        "id": "team-kb", "name_zh": "团队知识库", "name_en": "Team KB", "condition": {"type": "behind_consecutive", "checks": 2},
        "actions": [{"type": "book_one_to_one"}, {"type": "open_kb_task", "category": "退款"}],
    }])
    async with transaction(sessionmaker) as session:
        await store_rules(session, rules, actor="u-admin", now_us=START_US)
    for _replay in range(2):
        async with transaction(sessionmaker) as session:
            await publish(session, GOAL_CHECKED, checked(2, part_kind="team", part_key="team:t-west"))
    async with sessionmaker() as session:
        actions = (await session.execute(select(RemediationAction))).scalars().all()
        plans = (await session.execute(select(CoachingPlan))).scalars().all()
    assert plans == []
    assert [(a.unique_key, a.rule_version, a.action_type, a.team_id, a.category, a.status) for a in actions] == [
        ("team-kb:check:c3:1", 1, "open_kb_task", "t-west", "退款", "open"),
    ]
