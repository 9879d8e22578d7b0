"""The plan_ended listener: the evaluation is computed and stored in the publisher's transaction, once per plan."""

import json
import math
from dataclasses import replace

import numpy as np
import pytest
from scipy import stats
from server.coaching.events import PLAN_ENDED
from server.config import Settings
from server.db import transaction
from server.evaluation.estimator import AgentSamples, Scale, Verdict, estimate_effect
from server.evaluation.models import PlanEvaluation
from server.kernel.domain_events import publish
from server.metrics.api import Direction
from server.notifications.models import OutboxEntry, OutboxRecipient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

EVALUATION_KINDS = ("plan.evaluated", "review.ready")
from tests.evaluation.organisation import AFTER_START, BEFORE_START, organisation, plan_ended
from tests.metrics.helpers import ingest
from tests.people.directory import seed_directory


def _samples(first_responses: dict[tuple[str, int], list[int]], agent: str) -> AgentSamples:
    return AgentSamples(
        agent, np.array(first_responses[(agent, BEFORE_START)], float), np.array(first_responses[(agent, AFTER_START)], float)
    )


async def _stored(sessionmaker: async_sessionmaker[AsyncSession]) -> list[PlanEvaluation]:
    async with sessionmaker() as session:
        return list((await session.execute(select(PlanEvaluation))).scalars())


async def test_a_plan_that_ended_is_evaluated_once_and_its_people_are_told(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await seed_directory(sessionmaker)
    world = organisation()
    await ingest(sessionmaker, settings, world.events.items)
    for _replay in range(2):
        async with transaction(sessionmaker) as session:
            assert await publish(session, PLAN_ENDED, plan_ended()) >= 1
    [stored] = await _stored(sessionmaker)
    expected = estimate_effect(
        _samples(world.first_responses, "a1"), [_samples(world.first_responses, agent) for agent in ("c1", "c2", "c3", "c4")],
        direction=Direction.LOWER, scale=Scale.RATIO,
    )
    assert expected.verdict is Verdict.IMPROVED
    assert (stored.verdict, stored.widened, stored.comparison_agents) == ("improved", False, 4)
    assert (stored.before_size, stored.after_size, stored.comparison_before_size, stored.comparison_after_size) == (40, 40, 160, 160)
    assert stored.before_mean == pytest.approx(np.mean(world.first_responses[("a1", BEFORE_START)]), rel=1e-12)
    assert stored.effect == pytest.approx(expected.effect, rel=1e-9)
    assert stored.p_value == pytest.approx(expected.p_value, rel=1e-9)
    assert (stored.confidence_low, stored.confidence_high) == (
        pytest.approx(expected.confidence_low, rel=1e-9), pytest.approx(expected.confidence_high, rel=1e-9),
    )
    assert "4 位未接受该指标辅导的可比坐席" in stored.explanation_zh
    assert "4 comparable agents who were not coached" in stored.explanation_en
    async with sessionmaker() as session:
        # Only the evaluation's own entries: the generated traffic may also raise alerts (alert.raised).
        entries = (await session.execute(select(OutboxEntry).where(OutboxEntry.kind.in_(EVALUATION_KINDS)))).scalars().all()  # type: ignore[attr-defined]
        recipients = (await session.execute(
            select(OutboxRecipient.user_id).where(OutboxRecipient.outbox_id == entries[0].outbox_id).order_by(OutboxRecipient.user_id)
        )).scalars().all()
    assert [(entry.kind, entry.subject_id) for entry in entries] == [("plan.evaluated", "plan-1")]
    assert json.loads(entries[0].payload)["verdict"] == "improved"
    assert recipients == ["a1", "u-east", "u-root"]


async def test_a_team_too_small_is_widened_to_agents_with_the_same_channel_mix(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    world = organisation(agents=("a1", "c1", "c2", "w1", "w2", "w3"))
    await ingest(sessionmaker, settings, world.events.items)
    async with transaction(sessionmaker) as session:
        await publish(session, PLAN_ENDED, plan_ended(coached_elsewhere=("c2",)))
    [stored] = await _stored(sessionmaker)
    expected = estimate_effect(
        _samples(world.first_responses, "a1"), [_samples(world.first_responses, agent) for agent in ("c1", "w1", "w2")],
        direction=Direction.LOWER, scale=Scale.RATIO,
    )
    assert (stored.widened, stored.comparison_agents) == (True, 3)  # c2 had a plan on the metric; w3 answers voice
    assert stored.effect == pytest.approx(expected.effect, rel=1e-9)
    assert "渠道构成相近" in stored.explanation_zh


async def test_a_rolled_back_publication_leaves_no_evaluation(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await ingest(sessionmaker, settings, organisation(agents=("a1", "c1")).events.items)
    async with sessionmaker() as session:
        await publish(session, PLAN_ENDED, plan_ended())
        await session.rollback()
    assert await _stored(sessionmaker) == []
    async with sessionmaker() as session:
        assert (await session.execute(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.kind.in_(EVALUATION_KINDS))  # type: ignore[attr-defined]
        )).scalar_one() == 0


async def test_a_plan_on_a_percentile_is_recorded_as_too_little_data_without_failing_the_publisher(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await ingest(sessionmaker, settings, organisation(agents=("a1", "c1")).events.items)
    plan = replace(plan_ended(), metric_key="first_response_p90_s")
    async with transaction(sessionmaker) as session:
        await publish(session, PLAN_ENDED, plan)
    [stored] = await _stored(sessionmaker)
    assert (stored.verdict, stored.before_size, stored.comparison_agents, stored.p_value) == ("too_little_data", 0, 0, None)
    assert stored.explanation_en.startswith("Cannot be evaluated: First response P90 (s) is a count or a percentile")


async def test_a_team_wide_rise_is_not_credited_to_the_coached_agent(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    world = organisation(agents=("a1", "c1", "c2", "c3", "c4"), coached_factor=1.0, team_factor=0.6)
    await ingest(sessionmaker, settings, world.events.items)
    async with transaction(sessionmaker) as session:
        await publish(session, PLAN_ENDED, plan_ended())
    [stored] = await _stored(sessionmaker)
    alone = stats.ttest_ind(world.first_responses[("a1", AFTER_START)], world.first_responses[("a1", BEFORE_START)], equal_var=False)
    assert alone.pvalue < 0.001  # a1 alone got 40 % faster …
    assert stored.verdict == "no_detectable_change"  # … and so did everybody: nothing is credited
    assert stored.comparison_change == pytest.approx(math.log(0.6), abs=0.1)
