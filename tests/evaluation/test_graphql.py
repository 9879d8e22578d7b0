"""Reviews and evaluations over HTTP with real bearer tokens: who sees what, and HR sees no text or customer data."""

import json
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.app import create_app
from server.coaching.events import PLAN_ENDED
from server.config import Settings
from server.db import transaction
from server.evaluation.models import TeamReview
from server.evaluation.review import compile_review
from server.kernel.domain_events import publish
from server.kernel.relay import to_global_id
from server.timefmt import to_us
from tests.evaluation.organisation import WEEK, organisation, plan_ended
from tests.metrics.factory import BASE
from tests.metrics.helpers import ingest
from tests.ops.support import serve
from tests.people.directory import seed_directory

EVALUATION_FIELDS = (
    "id planId agentId teamId metric verdict scale widened beforeStart beforeEnd afterStart afterEnd beforeSize afterSize "
    "beforeMean afterMean comparisonAgents comparisonBeforeSize comparisonAfterSize comparisonChange effect effectRelative "
    "confidenceLow confidenceHigh confidenceLevel standardError degreesOfFreedom pValue betweenAgentVariance placeboAsLarge "
    "placeboPValue explanation explanationZh explanationEn evaluatedAt"
)
REVIEWS = (
    "{ teamReviews(first: 10) { totalCount nodes { id teamId periodStart periodEnd trigger summary summaryZh summaryEn "
    "content createdAt evaluations { " + EVALUATION_FIELDS + " } } } }"
)
EVALUATIONS = "{ coachingEvaluations(first: 10) { totalCount nodes { planId verdict beforeSize afterSize comparisonAgents } } }"
RUN_NOW = "mutation ($input: RunTeamReviewNowInput!) { runTeamReviewNow(input: $input) { review { teamId trigger } userErrors { code field } } }"
MESSAGE_TEXTS = ("你好", "您好，请问有什么可以帮您？")
CUSTOMER_MARKS = ("cust-", "customer", "phone", "email")
PERIOD_START, PERIOD_END = to_us(BASE) + WEEK * 1_000_000, to_us(BASE) + 3 * WEEK * 1_000_000
"""Two weeks: the plan week and the after window; the two weeks before hold the before window."""


async def _world(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await seed_directory(sessionmaker)
    await ingest(sessionmaker, settings, organisation().events.items)
    async with transaction(sessionmaker) as session:
        await publish(session, PLAN_ENDED, plan_ended())
    async with transaction(sessionmaker) as session:
        await compile_review(session, settings, "t-east", PERIOD_START, PERIOD_END + 1, trigger="schedule", now_us=PERIOD_END + 1)


async def _post(settings: Settings, query: str, headers: dict[str, str], variables: dict | None = None) -> dict:
    async with serve(create_app(settings)) as client:
        response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200
    return response.json()


async def test_hr_reads_the_review_whole_without_any_message_text_or_customer_field(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, auth_headers: Callable[..., dict[str, str]],
) -> None:
    await _world(sessionmaker, settings)
    answer = await _post(settings, REVIEWS, auth_headers("hr", subject="u-hr"))
    assert "errors" not in answer
    [review] = answer["data"]["teamReviews"]["nodes"]
    assert review["teamId"] == to_global_id("Team", "t-east")
    assert [evaluation["verdict"] for evaluation in review["evaluations"]] == ["IMPROVED"]
    assert [agent["agent_id"] for agent in review["content"]["agents"]] == ["a1", "c1", "c2", "c3", "c4"]
    assert review["content"]["improved"] == [{"agent_id": "a1", "metrics": ["first_response_avg_s"]}]
    text = json.dumps(answer, ensure_ascii=False)
    assert [mark for mark in (*MESSAGE_TEXTS, *CUSTOMER_MARKS) if mark in text] == []


async def test_each_role_sees_its_own_part(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, auth_headers: Callable[..., dict[str, str]],
) -> None:
    await _world(sessionmaker, settings)
    coached = await _post(settings, EVALUATIONS, auth_headers("agent", subject="a1"))
    other_agent = await _post(settings, EVALUATIONS, auth_headers("agent", subject="w1"))
    east = await _post(settings, REVIEWS, auth_headers("manager", subject="u-east", teams=["t-east"]))
    west = await _post(settings, REVIEWS, auth_headers("manager", subject="u-west", teams=["t-west"]))
    agent_reviews = await _post(settings, REVIEWS, auth_headers("agent", subject="a1"))
    analyst = await _post(settings, EVALUATIONS, auth_headers("analyst", subject="u-analyst"))
    summary = await _post(settings, "{ coachingEvaluationSummary { metric verdict plans } }", auth_headers("analyst", subject="u-analyst"))

    assert coached["data"]["coachingEvaluations"] == {"totalCount": 1, "nodes": [
        {"planId": to_global_id("CoachingPlan", "plan-1"), "verdict": "IMPROVED", "beforeSize": 40, "afterSize": 40, "comparisonAgents": 4},
    ]}
    assert other_agent["data"]["coachingEvaluations"] == {"totalCount": 0, "nodes": []}
    assert east["data"]["teamReviews"]["totalCount"] == 1
    assert west["data"]["teamReviews"] == {"totalCount": 0, "nodes": []}
    assert (agent_reviews["data"], agent_reviews["errors"][0]["extensions"]["code"]) == (None, "FORBIDDEN")
    assert (analyst["data"], analyst["errors"][0]["extensions"]["code"]) == (None, "FORBIDDEN")
    assert summary["data"] == {"coachingEvaluationSummary": []}  # one coached agent: below the anonymity floor of 3


async def test_run_team_review_now_for_a_managers_team_and_not_for_another(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, auth_headers: Callable[..., dict[str, str]],
) -> None:
    await seed_directory(sessionmaker)
    team = {"input": {"teamId": to_global_id("Team", "t-east")}}
    ran = await _post(settings, RUN_NOW, auth_headers("manager", subject="u-east", teams=["t-east"]), team)
    refused = await _post(settings, RUN_NOW, auth_headers("manager", subject="u-west", teams=["t-west"]), team)
    unknown = await _post(settings, RUN_NOW, auth_headers("admin", subject="u-admin"), {"input": {"teamId": to_global_id("Team", "t-none")}})
    async with sessionmaker() as session:
        reviews = (await session.execute(select(func.count()).select_from(TeamReview))).scalar_one()

    assert ran["data"]["runTeamReviewNow"] == {
        "review": {"teamId": to_global_id("Team", "t-east"), "trigger": "ON_DEMAND"}, "userErrors": [],
    }
    assert (refused["data"], refused["errors"][0]["extensions"]["code"]) == (None, "FORBIDDEN")
    assert unknown["data"]["runTeamReviewNow"] == {"review": None, "userErrors": [{"code": "NOT_FOUND", "field": ["input", "teamId"]}]}
    assert reviews == 1
