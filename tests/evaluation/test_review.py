"""Compiling a team review: changes with their tests, who improved, evaluations of the period, other features' sections."""

import json

import numpy as np
import pytest
from scipy import stats
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.events import PLAN_ENDED
from server.config import Settings
from server.db import transaction
from server.evaluation.events import REVIEW_COMPILING, ReviewCompiling, ReviewSection
from server.evaluation.models import TeamReview
from server.evaluation.review import compile_review, review_id_of
from server.features import FEATURES
from server.kernel.domain_events import publish
from server.kernel.feature import Feature, Listener
from server.notifications.models import OutboxEntry
from server.timefmt import to_us
from tests.evaluation.organisation import AFTER_START, BEFORE_START, WEEK, organisation, plan_ended
from tests.metrics.factory import BASE
from tests.metrics.helpers import ingest
from tests.people.directory import seed_directory

START, END = to_us(BASE) + WEEK * 1_000_000, to_us(BASE) + 3 * WEEK * 1_000_000 + 1
"""The plan week and the after window (and the plan's end instant); the previous two weeks hold the before window."""
EAST = ("a1", "c1", "c2", "c3", "c4")


async def _goal_statuses(_session: AsyncSession, event: ReviewCompiling) -> None:
    event.sections.append(ReviewSection("goal_statuses", "目标状态", "Goal statuses", {"team": event.team_id, "on_track": 2}))


WITH_GOALS = (*FEATURES, Feature(name="goals-under-test", listeners=(Listener(REVIEW_COMPILING, _goal_statuses),)))


async def test_the_review_holds_the_tested_changes_the_evaluation_and_every_section(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    await seed_directory(sessionmaker)
    world = organisation()
    await ingest(sessionmaker, settings, world.events.items)
    async with transaction(sessionmaker) as session:
        await publish(session, PLAN_ENDED, plan_ended())
    for _again in range(2):
        async with transaction(sessionmaker) as session:
            written = await compile_review(session, settings, "t-east", START, END, trigger="schedule", now_us=END, features=WITH_GOALS)
    async with sessionmaker() as session:
        [review] = (await session.execute(select(TeamReview))).scalars().all()
        # Only the evaluation's own entries: the generated traffic may also raise alerts (alert.raised).
        kinds = (await session.execute(
            select(OutboxEntry.kind).where(OutboxEntry.kind.in_(("plan.evaluated", "review.ready"))).order_by(OutboxEntry.kind)  # type: ignore[attr-defined]
        )).scalars().all()
    content = json.loads(review.content)
    before = np.concatenate([world.first_responses[(agent, BEFORE_START)] for agent in EAST]).astype(float)
    after = np.concatenate([world.first_responses[(agent, AFTER_START)] for agent in EAST]).astype(float)
    welch = stats.ttest_ind(after, before, equal_var=False)
    [first_response] = [change for change in content["team"] if change["metric"] == "first_response_avg_s"]

    assert (written.new, review.review_id) == (False, review_id_of("t-east", START, END))
    assert (first_response["before_size"], first_response["after_size"]) == (200, 200)
    assert first_response["before"] == pytest.approx(before.mean(), rel=1e-12)
    assert first_response["after"] == pytest.approx(after.mean(), rel=1e-12)
    assert first_response["p_value"] == pytest.approx(welch.pvalue, rel=1e-9)
    assert [agent["agent_id"] for agent in content["agents"]] == list(EAST)
    assert content["improved"] == [{"agent_id": "a1", "metrics": ["first_response_avg_s"]}]
    assert [(e["plan_id"], e["verdict"]) for e in content["evaluations"]] == [("plan-1", "improved")]
    # The listener of this test appends its section; the installed goals and coaching features add theirs.
    assert [section for section in content["sections"] if section["key"] == "goal_statuses"] == [
        {"key": "goal_statuses", "title_zh": "目标状态", "title_en": "Goal statuses", "data": {"team": "t-east", "on_track": 2}},
    ]
    assert [section["key"] for section in content["sections"]] == ["goals", "coaching.tasks", "goal_statuses"]
    assert content["knowledge_base"] == []  # no knowledge-base searches in this organisation
    assert "显著改善的坐席 1 位" in review.summary_zh and "Agents who improved significantly: 1" in review.summary_en
    assert list(kinds) == ["plan.evaluated", "review.ready"]
