"""Sampling, calibration and complaint hotspots through the real schema, with hand-computed agreement."""

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.identity import Principal
from server.config import Settings
from server.ingestion.service import ingest_events
from server.kernel.relay import to_global_id
from tests.quality.api import LEAD, REVIEWER, QualityApi
from tests.quality.ingest import DIRECTORY, chat, complete_pending
from tests.quality.test_auto_qa import CAREFUL, RISKY

SECOND_REVIEWER = Principal("rev-2", frozenset({"qa_reviewer"}))
PLAN = """mutation { createSamplingPlan(input: {name: "周抽检", perAgentWeek: 1, overallRate: 0.5, riskLimit: 1}) {
  samplingPlan { id perAgentWeek overallRate riskLimit riskSignals } userErrors { field code } } }"""
RUN = """mutation($plan: ID!, $seed: Int!) { runSampling(input: {planId: $plan, periodStart: "2026-03-01T00:00:00Z",
  periodEnd: "2026-03-03T00:00:00Z", seed: $seed, reviewerIds: ["rev-1", "rev-2"]}) {
  samplingRun { seed coverage { candidates picked agentWeeks agentWeeksMet riskPicked }
  conversations { conversationId reason reviewerId } } userErrors { field code } } }"""
CALIBRATE = """mutation($conversations: [ID!]!) { createCalibrationSession(input: {name: "三月校准", conversationIds: $conversations,
  reviewerIds: ["rev-1", "rev-2"]}) { calibrationSession { id reviewerIds } userErrors { field code } } }"""
SCORE = """mutation($c: ID!, $s: ID!, $v: Float!) { submitQaReview(input: {conversationId: $c, calibrationSessionId: $s,
  items: [{key: "polite_phrases", value: $v}]}) { qaReview { kind score } userErrors { field code } } }"""
SESSIONS = """{ calibrationSessions { agreement { alphaInterval alphaNominal icc { absolute consistency conversations }
  dimensions { key alphaInterval } reviewers { reviewerId bias } } } }"""
HOTSPOTS = """{ complaintHotspots(periodStart: "2026-03-02T00:00:00Z", periodEnd: "2026-03-03T00:00:00Z", top: 2) {
  terms { category term conversations previousConversations share rising } kbNeeds } }"""


@pytest.fixture
async def api(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> QualityApi:
    stream = DIRECTORY + chat("risky", RISKY, csat=5)
    stream += [e for n in range(1, 4) for e in chat(f"c{n}", CAREFUL, csat=5)]
    stream += [e for n in range(4, 6) for e in chat(f"c{n}", CAREFUL, agent="agent-2", csat=5)]
    await ingest_events(sessionmaker, stream, settings=settings)
    await complete_pending(sessionmaker, settings)
    return QualityApi(settings, sessionmaker)


async def test_sampling_meets_its_targets_reproducibly(api: QualityApi) -> None:
    plan = (await api.run(PLAN, LEAD)).data["createSamplingPlan"]["samplingPlan"]
    assert (plan["perAgentWeek"], plan["overallRate"], plan["riskLimit"], len(plan["riskSignals"])) == (1, 0.5, 1, 6)
    first = (await api.run(RUN, LEAD, plan=plan["id"], seed=11)).data["runSampling"]["samplingRun"]
    again = (await api.run(RUN, LEAD, plan=plan["id"], seed=11)).data["runSampling"]["samplingRun"]
    assert first["conversations"] == again["conversations"]
    reasons = [c["reason"] for c in first["conversations"]]
    # 6 candidates; 1 per agent-week (2 agent-weeks) = 2 stratified; ⌈0.5 · 6⌉ = 3 → 1 overall;
    # the risky conversation (auto-QA failed) is added on top unless already picked
    risky_picked_before = any(c["conversationId"] == to_global_id("Conversation", "risky") and c["reason"] != "risk"
                              for c in first["conversations"])
    assert (reasons.count("stratified"), reasons.count("overall"), reasons.count("risk")) == (2, 1, 0 if risky_picked_before else 1)
    coverage = first["coverage"]
    assert (coverage["candidates"], coverage["agentWeeks"], coverage["agentWeeksMet"]) == (6, 2, 2)
    loads = [c["reviewerId"] for c in first["conversations"]]
    assert abs(loads.count("rev-1") - loads.count("rev-2")) <= 1
    queue = (await api.run("{ reviewQueue(first: 10) { totalCount } }", REVIEWER)).data["reviewQueue"]["totalCount"]
    assert queue == loads.count("rev-1")
    refused = await api.run(RUN, REVIEWER, plan=plan["id"], seed=11)
    assert refused.errors[0].extensions["code"] == "FORBIDDEN"


async def test_calibration_agreement_hand_computed(api: QualityApi) -> None:
    conversations = [to_global_id("Conversation", f"c{n}") for n in (1, 2, 3)]
    created = (await api.run(CALIBRATE, LEAD, conversations=conversations)).data["createCalibrationSession"]
    session_id = created["calibrationSession"]["id"]
    # only polite_phrases is given: the service dimension alone applies, so the total is 100 × the value
    for principal, values in ((REVIEWER, (0.8, 0.9, 0.7)), (SECOND_REVIEWER, (0.85, 0.95, 0.75))):
        for conversation, value in zip(conversations, values, strict=True):
            answer = await api.run(SCORE, principal, c=conversation, s=session_id, v=value)
            assert answer.data["submitQaReview"]["qaReview"] == {"kind": "CALIBRATION", "score": value * 100}
    [found] = (await api.run(SESSIONS, LEAD)).data["calibrationSessions"]
    agreement = found["agreement"]
    # (80, 90, 70) vs (85, 95, 75): interval alpha 1 − 25/175 = 6/7; ICC(2,1) = 200/225 = 8/9, ICC(3,1) = 1;
    # pass/fail (≥ 80) agrees everywhere: nominal alpha 1; bias ∓5 points
    assert agreement["alphaInterval"] == pytest.approx(6 / 7)
    assert agreement["alphaNominal"] == pytest.approx(1.0)
    assert agreement["icc"]["absolute"] == pytest.approx(8 / 9)
    assert agreement["icc"]["consistency"] == pytest.approx(1.0)
    assert agreement["icc"]["conversations"] == 3
    assert [(d["key"], d["alphaInterval"] is not None) for d in agreement["dimensions"]] == [
        ("service_quality", True), ("efficiency", False), ("customer_experience", False),
    ]
    assert [(r["reviewerId"], round(r["bias"], 9)) for r in agreement["reviewers"]] == [("rev-1", -5.0), ("rev-2", 5.0)]
    # calibration scores never become final: the conversations keep their automatic scores
    metrics = await api.run('{ qaMetrics(periodStart: "2026-03-01T00:00:00Z", periodEnd: "2026-03-03T00:00:00Z") '
                            '{ values { key value } } }', LEAD)
    assert metrics.data["qaMetrics"][0]["values"][1] == {"key": "qa_reviewed", "value": 6.0}


async def test_complaint_hotspots(api: QualityApi) -> None:
    answer = await api.run(HOTSPOTS, LEAD)
    assert answer.errors is None, answer.errors
    found = answer.data["complaintHotspots"]["terms"]
    # no KB searches at all: no category reaches the ranking's sample floors
    assert answer.data["complaintHotspots"]["kbNeeds"] == []
    # every conversation's customer asks "这个理财安全吗": 安全 and 理财 in 6 of 6; nothing the day before
    assert found == [
        {"category": "支付问题", "term": "安全", "conversations": 6, "previousConversations": 0, "share": 1.0, "rising": False},
        {"category": "支付问题", "term": "理财", "conversations": 6, "previousConversations": 0, "share": 1.0, "rising": False},
    ]
    assert (await api.run(HOTSPOTS, REVIEWER)).errors[0].extensions["code"] == "FORBIDDEN"
