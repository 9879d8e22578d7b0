"""The goals feature's reactions: the demo's running goal (seeded once) and the goals section of a team review."""

from datetime import date, datetime

import pytest
from server.alerts.pipeline import settle_evaluations
from server.config import Settings
from server.db import transaction
from server.demo.events import DEMO_LOADED, DemoLoaded
from server.demo.generator import generate_events
from server.evaluation.events import REVIEW_COMPILING, ReviewCompiling, ReviewSection
from server.goals.checks import run_check
from server.goals.demo import DEMO_GOAL_ID, DEMO_TEAM_ID
from server.goals.models import Goal, GoalPart
from server.goals.service import create_goal
from server.ingestion.service import ingest_events
from server.intents.models import Intent
from server.kernel.domain_events import publish
from server.timefmt import to_us
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.goals.support import FAR_FUTURE_US, ZONE, ingest, record_intents, team_goal
from tests.goals.test_checks import END, START, organisation


async def test_the_demo_gets_one_running_team_goal_however_often_it_loads(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("server.goals.demo.get_settings", lambda: settings)
    report = await ingest_events(sessionmaker, generate_events(1500, 7), settings=settings, now_us=FAR_FUTURE_US)
    await settle_evaluations()  # the alert windows this import moved are evaluated before the demo is seeded
    assert report.rejected == 0
    loaded = DemoLoaded(now_us=to_us(datetime(2026, 9, 15, tzinfo=ZONE)), timezone="Asia/Shanghai")
    for _ in range(2):
        async with transaction(sessionmaker) as session:
            await publish(session, DEMO_LOADED, loaded)
    async with sessionmaker() as session:
        goals = (await session.execute(select(Goal))).scalars().all()
        parts = (await session.execute(select(GoalPart.team_id, GoalPart.part_kind))).all()
        starts = (await session.execute(select(func.count()).select_from(Intent).where(Intent.kind == "goals.start"))).scalar_one()

    # The 14-day stream starts 2026-09-01: three weeks back has no baseline, so the goal starts 09-08 over a 7-day one.
    [goal] = goals
    assert (goal.goal_id, goal.status, goal.team_id, goal.start_date, goal.baseline_days) == (
        DEMO_GOAL_ID, "active", DEMO_TEAM_ID, date(2026, 9, 8), 7)
    assert goal.target == pytest.approx(goal.baseline * 0.9, rel=1e-12)
    assert {team for team, _kind in parts} == {DEMO_TEAM_ID}
    assert sum(1 for _team, kind in parts if kind == "agent") == 9
    assert starts == 1


async def test_a_team_review_gets_the_goal_statuses_once(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, organisation())
    async with transaction(sessionmaker) as session:
        goal = await create_goal(session, settings, team_goal(START, END), record_intents(session, []),
                                 created_by="u-owner", draft=False, now_us=0)
    async with transaction(sessionmaker) as session:
        await run_check(session, settings, goal.goal_id, milestone=1, now_us=5)
    review = ReviewCompiling(team_id="t-a", period_start_us=0, period_end_us=10)
    review_b = ReviewCompiling(team_id="t-b", period_start_us=0, period_end_us=10, sections=[ReviewSection("goals", "", "", {})])
    async with transaction(sessionmaker) as session:
        await publish(session, REVIEW_COMPILING, review)
        await publish(session, REVIEW_COMPILING, review)
        await publish(session, REVIEW_COMPILING, review_b)

    # Other features (coaching's tasks) add their own sections; the goals section is there once.
    [section] = [section for section in review.sections if section.key == "goals"]
    [row] = section.data["goals"]
    assert (section.key, section.title_zh, section.title_en) == ("goals", "目标状态", "Goal statuses")
    assert (row["name"], row["status"], row["latest_check"]["status"], row["latest_check"]["actual"]) == ("首次响应提速", "active", "ahead", 40.0)
    assert (row["team_part"]["target"], row["team_part"]["latest_check"]["status"]) == (pytest.approx(39.6), "ahead")
    assert [section.key for section in review_b.sections].count("goals") == 1
