"""The quality operations through the real schema and policy, as the roles that use them."""

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.ingestion.service import ingest_events
from server.kernel.relay import to_global_id
from server.quality.scorecard import default_scorecard_definition
from tests.quality.api import ADMIN, AGENT, HR, LEAD, OTHER_LEAD, REVIEWER, QualityApi
from tests.quality.ingest import DIRECTORY, chat, complete_pending
from tests.quality.test_auto_qa import CAREFUL, RISKY

RULES = "{ qaRules { version rules { ruleId severity compliance } } }"
SET_RULES = """mutation($source: String!) { setQaRules(input: {source: $source, note: "收紧"}) {
  qaRules { version } userErrors { field code message } } }"""
SCORECARDS = "{ scorecards { scorecardId version passScore dimensions { key weight } items { key dimension critical } } }"
UPDATE = """mutation($definition: JSON!) { updateScorecard(input: {scorecardId: "default", definition: $definition}) {
  scorecard { version dimensions { weight } } userErrors { field code } } }"""
REVIEWS = "{ qaReviews(first: 20) { totalCount nodes { id kind score scorecardVersion agentId findings { ruleId excerpt spanStart spanEnd } } } }"
SUBMIT = """mutation($conversation: ID!) { submitQaReview(input: {conversationId: $conversation, comment: "好",
  items: [{key: "polite_phrases", value: 1}, {key: "no_wrong_information", value: 0}]}) {
  qaReview { id kind score criticalFailed } userErrors { field code } } }"""
QUEUE = "{ reviewQueue(first: 10) { totalCount nodes { conversationId } } }"
METRICS = """query($groupBy: [MetricDimension!]) { qaMetrics(periodStart: "2026-03-01T00:00:00Z", periodEnd: "2026-03-03T00:00:00Z",
  groupBy: $groupBy) { teamId agentId suppressed values { key value sampleSize } } }"""


@pytest.fixture
async def api(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> QualityApi:
    await ingest_events(sessionmaker, DIRECTORY + chat("risky", RISKY, csat=5) + chat("careful", CAREFUL, csat=5), settings=settings)
    await complete_pending(sessionmaker, settings)
    return QualityApi(settings, sessionmaker)


async def test_rules_versions_and_a_bad_rule_named(api: QualityApi) -> None:
    found = await api.run(RULES, AGENT)
    assert found.data["qaRules"]["version"] == 1
    assert {r["ruleId"]: r["severity"] for r in found.data["qaRules"]["rules"]}["compliance.guarantee"] == "critical"
    bad = "rules:\n  - {id: compliance.guarantee, type: forbidden, name_zh: 甲, name_en: A, severity: critical, phrases: []}\n"
    refused = await api.run(SET_RULES, ADMIN, source=bad)
    [error] = refused.data["setQaRules"]["userErrors"]
    assert (error["field"], error["code"]) == (["input", "source", "compliance.guarantee", "phrases"], "INVALID")
    assert "compliance.guarantee" in error["message"]
    good = "rules:\n  - {id: compliance.guarantee, type: forbidden, name_zh: 甲, name_en: A, severity: critical, phrases: [保本]}\n"
    assert (await api.run(SET_RULES, ADMIN, source=good)).data["setQaRules"] == {"qaRules": {"version": 2}, "userErrors": []}
    denied = await api.run(SET_RULES, LEAD, source=good)
    assert denied.errors[0].extensions["code"] == "FORBIDDEN"
    assert (await api.run(RULES, ADMIN)).data["qaRules"]["version"] == 2


async def test_a_rubric_change_leaves_old_reviews_on_their_version(api: QualityApi) -> None:
    answer = await api.run(SCORECARDS, REVIEWER)
    assert answer.errors is None, answer.errors
    [card] = answer.data["scorecards"]
    assert (card["scorecardId"], card["version"], [d["weight"] for d in card["dimensions"]]) == ("default", 1, [60, 25, 15])
    assert [i["key"] for i in card["items"] if i["critical"]] == ["no_wrong_information"]
    definition = default_scorecard_definition()
    definition["dimensions"][0]["weight"] = 50
    updated = await api.run(UPDATE, ADMIN, definition=definition)
    assert updated.data["updateScorecard"]["scorecard"] == {"version": 2, "dimensions": [{"weight": 50}, {"weight": 25}, {"weight": 15}]}
    reviews = (await api.run(REVIEWS, ADMIN)).data["qaReviews"]
    assert sorted((n["kind"], n["score"], n["scorecardVersion"]) for n in reviews["nodes"]) == [("AUTO", 0.0, 1), ("AUTO", 100.0, 1)]


async def test_scopes_queue_manual_review_and_dispute(api: QualityApi) -> None:
    assert (await api.run(REVIEWS, LEAD)).data["qaReviews"]["totalCount"] == 2
    assert (await api.run(REVIEWS, OTHER_LEAD)).data["qaReviews"]["totalCount"] == 0
    assert (await api.run(REVIEWS, REVIEWER)).data["qaReviews"]["totalCount"] == 0
    risky, careful = to_global_id("Conversation", "risky"), to_global_id("Conversation", "careful")
    assign = 'mutation($c: ID!) { assignReview(input: {reviewerId: "rev-1", conversationId: $c}) { userErrors { code } } }'
    assert (await api.run(assign, ADMIN, c=risky)).data["assignReview"]["userErrors"] == []
    assert (await api.run(QUEUE, REVIEWER)).data["reviewQueue"] == {"totalCount": 1, "nodes": [{"conversationId": risky}]}
    refused = await api.run(SUBMIT, REVIEWER, conversation=careful)
    assert refused.errors[0].extensions["code"] == "FORBIDDEN"
    submitted = (await api.run(SUBMIT, REVIEWER, conversation=risky)).data["submitQaReview"]
    # polite 1 and a failed critical item (no wrong information 0): the whole review fails
    assert (submitted["qaReview"]["kind"], submitted["qaReview"]["score"], submitted["qaReview"]["criticalFailed"]) == ("MANUAL", 0.0, True)
    assert (await api.run(QUEUE, REVIEWER)).data["reviewQueue"]["totalCount"] == 0
    mine = (await api.run(REVIEWS, AGENT)).data["qaReviews"]
    assert mine["totalCount"] == 3
    [finding] = [f for n in mine["nodes"] for f in n["findings"] if f["ruleId"] == "compliance.guarantee"]
    assert (finding["excerpt"], finding["spanStart"], finding["spanEnd"]) == ("绝 对 保 本", 4, 11)
    dispute = """mutation($r: ID!) { disputeQaReview(input: {qaReviewId: $r, reason: "已提示风险"}) { qaDispute { id status } userErrors { code } } }"""
    opened = (await api.run(dispute, AGENT, r=submitted["qaReview"]["id"])).data["disputeQaReview"]["qaDispute"]
    assert opened["status"] == "OPEN"
    resolve = """mutation($d: ID!) { resolveDispute(input: {disputeId: $d, outcome: UPHELD, resolution: "维持"}) {
      qaDispute { status resolvedBy } userErrors { code } } }"""
    assert (await api.run(resolve, OTHER_LEAD, d=opened["id"])).data["resolveDispute"]["userErrors"] == [{"code": "NOT_FOUND"}]
    assert (await api.run(resolve, LEAD, d=opened["id"])).data["resolveDispute"]["qaDispute"] == {"status": "UPHELD", "resolvedBy": "lead-1"}
    outcomes = (await api.run("{ qaDisputes { status agentId } }", HR)).data["qaDisputes"]
    assert outcomes == [{"status": "UPHELD", "agentId": "agent-1"}]


async def test_hr_sees_aggregates_only(api: QualityApi) -> None:
    # Both conversations are agent-1's: with the default k of 3 the team's numbers would be one agent's, so they are withheld.
    withheld = (await api.run(METRICS, HR, groupBy=["TEAM"])).data["qaMetrics"]
    assert withheld == [{"teamId": "team-1", "agentId": None, "suppressed": True, "values": [
        {"key": key, "value": None, "sampleSize": 0}
        for key in ("qa_score_avg", "qa_reviewed", "qa_critical_fail_rate", "compliance_violation_rate", "negative_sentiment_rate")
    ]}]
    one_agent_groups = QualityApi(api.settings.model_copy(update={"k_anonymity": 1}), api.sessionmaker)
    rows = (await one_agent_groups.run(METRICS, HR, groupBy=["TEAM"])).data["qaMetrics"]
    assert rows == [{"teamId": "team-1", "agentId": None, "suppressed": False, "values": [
        {"key": "qa_score_avg", "value": 50.0, "sampleSize": 2}, {"key": "qa_reviewed", "value": 2.0, "sampleSize": 2},
        {"key": "qa_critical_fail_rate", "value": 0.5, "sampleSize": 2},
        {"key": "compliance_violation_rate", "value": 0.5, "sampleSize": 2},
        {"key": "negative_sentiment_rate", "value": 0.0, "sampleSize": 2},
    ]}]
    inside_a_day = await api.run(METRICS.replace("2026-03-03T00:00:00Z", "2026-03-02T12:00:00Z"), HR, groupBy=["TEAM"])
    assert inside_a_day.errors[0].extensions["code"] == "FORBIDDEN"
    by_agent = await api.run(METRICS, HR, groupBy=["AGENT"])
    assert by_agent.errors[0].extensions["code"] == "FORBIDDEN"
    assert (await api.run(REVIEWS, HR)).errors[0].extensions["code"] == "FORBIDDEN"


async def test_a_review_by_node_id_follows_its_scope(api: QualityApi) -> None:
    node = 'query($id: ID!) { node(id: $id) { ... on QaReview { kind agentId } } }'
    [first] = (await api.run("{ qaReviews(first: 1) { nodes { id } } }", ADMIN)).data["qaReviews"]["nodes"]
    assert (await api.run(node, AGENT, id=first["id"])).data["node"] == {"kind": "AUTO", "agentId": "agent-1"}
    assert (await api.run(node, OTHER_LEAD, id=first["id"])).data["node"] is None
