"""Quality scores kept off ``quality.scored`` and the QA coaching condition they feed (SQLite and PostgreSQL)."""

import json
from datetime import UTC, datetime

from server.coaching.models import CoachingPlan, CoachingQaScore, RemediationAction
from server.coaching.rules import RuleSet, parse_rules
from server.coaching.sweep import sweep
from server.config import Settings
from server.db import transaction
from server.kernel.domain_events import publish
from server.quality.events import CONVERSATION_SCORED, ConversationScored
from server.timefmt import to_us
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.coaching.support import DAY_US, seed_organisation

SWEEP_AT = to_us(datetime(2026, 3, 23, 9, 0, tzinfo=UTC))
RULES = RuleSet(2, parse_rules([{
    "id": "qa-low", "name_zh": "质检低分", "name_en": "Low QA", "condition": {"type": "qa_dimension_below", "dimension": "qa_score_avg", "level": 80},
    "actions": [{"type": "assign_training_path", "path": "compliance-scripts"}],
}]))


def scored(conversation: str, agent: str | None, score: float | None, days_before: int) -> ConversationScored:
    return ConversationScored(
        conversation_id=conversation, agent_id=agent, team_id="t-east", score=score, critical_failed=False,
        compliance_violations=(), negative_sentiment=False, manual=False, scored_at_us=SWEEP_AT - days_before * DAY_US,
    )


async def test_an_agent_whose_mean_score_is_below_the_level_gets_a_plan(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    await seed_organisation(sessionmaker)
    events = [scored(f"a1-{index}", "a1", score, 3 + index) for index, score in enumerate((70, 75, 60, 90, 65))]
    events += [scored(f"a3-{index}", "a3", 50, 3 + index) for index in range(4)]  # too few to judge
    events += [scored("a1-0", "a1", 72, 2)]  # a re-score replaces the first one: mean (72+75+60+90+65)/5 = 72.4
    events += [scored("a1-old", "a1", 10, 40)]  # before the lookback
    events += [scored("bot-1", None, 10, 3)]  # no agent: not kept
    async with transaction(sessionmaker) as session:
        for event in [*events, events[0]]:  # published twice: kept once
            await publish(session, CONVERSATION_SCORED, event)
    for _again in range(2):
        async with transaction(sessionmaker) as session:
            await sweep(session, SWEEP_AT, settings, RULES)
    async with sessionmaker() as session:
        kept = (await session.execute(select(CoachingQaScore.conversation_id, CoachingQaScore.score).order_by(CoachingQaScore.conversation_id))).all()
        [action] = (await session.execute(select(RemediationAction))).scalars().all()
        [plan] = (await session.execute(select(CoachingPlan))).scalars().all()

    assert [tuple(row) for row in kept][:2] == [("a1-0", 72.0), ("a1-1", 75.0)]
    assert len(kept) == 10
    assert (action.unique_key, action.rule_version, action.agent_id, action.plan_id) == ("qa-low:qa:a1:2026-03-23:0", 2, "a1", plan.plan_id)
    assert json.loads(action.trigger) == {"level": 80, "qa_score_avg": 72.4, "scored": 5}
    assert (plan.agent_id, plan.metric_key) == ("a1", "csat_avg")  # qa_score_avg is no catalogue key: the path's metric
