"""What each published operation is run with against the seeded organisation (tests/authz/world.py), and what it must return.

Every operation in frontend-contract/operations/ needs a case here: the variables a
screen would send for that organisation, and values at paths in ``data`` computed by
hand from the world's events (Asia/Shanghai; a1 answers cv1 on 2026-03-02 60 s after
the customer, CSAT 5; cv4 moves from a1 to a3 on 2026-03-03; u-qa reviews cv3).
A path is dotted keys and list indices: ``"dailyKpis.0.values.5.value"``.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from server.kernel.relay import to_global_id

POLICY_FILE = Path(__file__).resolve().parents[2] / "policies" / "policy.csv"

MARCH_2 = {"from": "2026-03-02", "to": "2026-03-02"}
MARCH_3 = {"from": "2026-03-03", "to": "2026-03-03"}
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}
T_EAST = to_global_id("Team", "t-east")
A1 = to_global_id("Agent", "a1")


@dataclass(frozen=True)
class Case:
    variables: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)
    """Exact values at paths of ``data``."""
    lengths: dict[str, int] = field(default_factory=dict)
    """Exact lengths of lists at paths of ``data``: the seed guarantees these are not empty."""


CASES: dict[str, Case] = {
    "RunTeamReviewNow": Case(
        # Runs before TeamReviews (operations run in name order): t-east's review of the week up to today.
        variables={"input": {"teamId": T_EAST}},
        expected={"runTeamReviewNow.review.teamId": T_EAST, "runTeamReviewNow.review.trigger": "ON_DEMAND",
                  "runTeamReviewNow.userErrors": []},
    ),
    "TeamReviews": Case(
        variables={"teamId": T_EAST},
        expected={"teamReviews.totalCount": 1, "teamReviews.nodes.0.teamId": T_EAST, "teamReviews.nodes.0.trigger": "ON_DEMAND",
                  "teamReviews.nodes.0.evaluations": []},
        lengths={"teamReviews.nodes": 1},
    ),
    "MyCoachingEvaluations": Case(
        # No plan of a1's has ended in the world.
        expected={"coachingEvaluations.totalCount": 0, "coachingEvaluations.nodes": []},
    ),
    # Quality inspection: the world's conversations are never auto-scored (no intent is completed), so only the
    # manual review SubmitQaReview writes (u-qa on cv3, a3 of t-west); operations run in name order.
    "MyQuality": Case(expected={"qaReviews.totalCount": 0}, lengths={"qaReviews.nodes": 0, "qaDisputes": 0}),
    "QaWorkbench": Case(
        expected={"reviewQueue.totalCount": 1, "reviewQueue.nodes.0.conversationId": to_global_id("Conversation", "cv3"),
                  "qaRules.version": 1, "qaRules.rules.0.ruleId": "compliance.guarantee", "scorecards.0.scorecardId": "default",
                  "scorecards.0.dimensions.0.weight": 60, "scorecards.0.items.2.critical": True},
        lengths={"qaRules.rules": 12, "scorecards": 1, "scorecards.0.dimensions": 3, "scorecards.0.items": 8},
    ),
    "QualityOverview": Case(
        variables={"periodStart": "2026-03-01T00:00:00+08:00", "periodEnd": "2026-04-01T00:00:00+08:00"},
        expected={"qaMetrics.0.values.1": {"key": "qa_reviewed", "value": 0.0, "sampleSize": 0}},
        lengths={"qaMetrics": 1, "qaDisputes": 0},
    ),
    "SubmitQaReview": Case(
        # only polite_phrases is given: the service dimension alone applies, 100 × 1 = 100
        variables={"input": {"conversationId": to_global_id("Conversation", "cv3"), "comment": "处理及时",
                             "items": [{"key": "polite_phrases", "value": 1}],
                             "annotations": [{"messageEventId": "cv3-m2", "note": "可先致歉"}]}},
        expected={"submitQaReview.qaReview.kind": "MANUAL", "submitQaReview.qaReview.score": 100.0,
                  "submitQaReview.qaReview.criticalFailed": False, "submitQaReview.qaReview.scorecardVersion": 1,
                  "submitQaReview.userErrors": []},
        lengths={"submitQaReview.qaReview.items": 8, "submitQaReview.qaReview.annotations": 1},
    ),
    "TeamQuality": Case(
        # t-east's customers on March 2–3: cv1 您好，我的订单没到 and cv4 再次咨询物流 (cv2's question is erased by
        # EraseCustomer, which runs before) → four terms once each; the first two by term: 再次, 咨询.
        # The manual review of cv3 is t-west's: not in the manager's metrics.
        variables={"periodStart": "2026-03-02T00:00:00+08:00", "periodEnd": "2026-03-04T00:00:00+08:00"},
        expected={"complaintHotspots.terms.0.term": "再次", "complaintHotspots.terms.1.term": "咨询",
                  "complaintHotspots.terms.0.conversations": 1, "complaintHotspots.kbNeeds": []},
        lengths={"qaMetrics": 0, "qaDisputes": 0, "samplingPlans": 0, "complaintHotspots.terms": 2},
    ),
    "AlertFeed": Case(
        # a subscription: run over graphql-transport-ws by the graphql-ws client (tests/contract/test_alert_feed.py)
    ),
    "Alerts": Case(
        variables={"filter": {"severities": ["WARNING"]}},
        expected={"alerts.totalCount": 2, "alerts.nodes.0.rule.name": "r-east", "alerts.pageInfo.hasNextPage": False},
        lengths={"alerts.nodes": 2},
    ),
    "AcknowledgeAlert": Case(
        variables={"input": {"id": to_global_id("Alert", "al-a1"), "note": "已与坐席沟通"}},
        expected={"acknowledgeAlert.alert.state": "ACKNOWLEDGED", "acknowledgeAlert.alert.acknowledgedBy": "u-mgr-east",
                  "acknowledgeAlert.alert.notes.0": {"by": "u-mgr-east", "text": "已与坐席沟通"}, "acknowledgeAlert.userErrors": []},
    ),
    "AlertRules": Case(
        expected={"alertRules.totalCount": 7, "alertRules.pageInfo.hasNextPage": False},
        lengths={"alertRules.nodes": 7},
    ),
    "CreateAlertRule": Case(
        variables={"input": {
            "name": "Queue wait too long", "nameZh": "排队过久", "source": "METRIC", "metric": "queue_wait_avg_s",
            "scopeKind": "CHANNEL", "window": "MINUTES_30", "comparator": "ABOVE", "severity": "WARNING", "threshold": 120,
            "minSample": 10, "hysteresis": 15, "cooldownMinutes": 30,
        }},
        expected={"createAlertRule.rule.metric": "queue_wait_avg_s", "createAlertRule.rule.threshold": 120.0,
                  "createAlertRule.rule.version": 1, "createAlertRule.userErrors": []},
    ),
    "TeamDashboard": Case(
        variables={"teamId": T_EAST, "period": MARCH},
        expected={
            "serviceInfo.timezone": "Asia/Shanghai",
            "team.agents.totalCount": 2,
            "team.name": "华东组",
            "metricCatalogue.0.key": "CONVERSATIONS",
            "metricCatalogue.0.label": "会话量",
            "dailyKpis.0.bucketDate": "2026-03-02",
            "dailyKpis.0.values.0": {"key": "CONVERSATIONS", "value": 1.0, "count": 1, "sampleSize": 1},
            "dailyKpis.0.values.2": {"key": "FIRST_RESPONSE_AVG_S", "value": 60.0, "count": None, "sampleSize": 1},
            "dailyKpis.0.values.5": {"key": "CSAT_AVG", "value": 5.0, "count": None, "sampleSize": 1},
            "dailyKpis.1.bucketDate": "2026-03-03",
            "dailyKpis.1.freshness.current": True,
        },
        lengths={"team.agents.nodes": 2, "metricCatalogue": 19, "dailyKpis": 2, "dailyKpis.0.values": 6},
    ),
    "TeamPeaks": Case(
        variables={"teamId": T_EAST, "period": MARCH},
        # Monday 2026-03-02 09:00 local is cell 9 (Monday 00:00 first); cv1 is the team's only conversation.
        expected={"metricPeaks.cells.9": {"weekday": 1, "hour": 9, "conversations": 1, "level": "PEAK",
                                          "serviceLevel": {"value": 1.0, "sampleSize": 1}},
                  "metricPeaks.peakThreshold": 1.0},
        lengths={"metricPeaks.cells": 168},
    ),
    "TeamRankings": Case(
        variables={"teamId": T_EAST, "period": MARCH, "minimumIntervals": 1, "minimumConversations": 1},
        expected={"steadinessRanking.0.agentId": A1, "steadinessRanking.0.agent.name": "张三", "steadinessRanking.0.ratio": 1.0},
        lengths={"steadinessRanking": 1},
    ),
    "TeamPeriodComparison": Case(
        variables={"teamId": T_EAST, "before": MARCH_2, "after": MARCH_3},
        expected={"metricPeriodComparison.0.agentId": A1, "metricPeriodComparison.0.agent.name": "张三",
                  "metricPeriodComparison.0.deltas.0.before.count": 1,
                  "metricPeriodComparison.0.deltas.0.absolute": -1.0,
                  "metricPeriodComparison.0.deltas.1.change": "UNCHANGED"},
        lengths={"metricPeriodComparison": 1, "metricPeriodComparison.0.deltas": 3},
    ),
    "TeamGoals": Case(
        # u-mgr-east leads t-east: the organisation's goal (its t-east part) and t-east's goal, newest id first.
        variables={"filter": {"metricKey": "handle_avg_s", "statuses": ["ACTIVE"]}},
        expected={"goals.totalCount": 2, "goals.nodes.0.externalId": "g-org", "goals.nodes.1.externalId": "g-east",
                  "goals.nodes.0.parts.0.kind": "team", "goals.nodes.0.parts.1.agentId": A1,
                  "goals.nodes.0.checks.0": {"milestone": 1, "expected": 550.0, "actual": 540.0, "sampleSize": 5,
                                             "status": "ON_TRACK", "checkedAt": "1970-01-01T00:00:00.000001+00:00"}},
        lengths={"goals.nodes": 2, "goals.nodes.0.parts": 2, "goals.nodes.1.parts": 3},
    ),
    "CreateTeamGoal": Case(
        # An absolute target needs no baseline; t-east's credited agents in February–March are a1 (cv1, cv4's first reply).
        variables={"input": {"name": "华东组首响", "metricKey": "first_response_avg_s", "targetKind": "ABSOLUTE", "target": 45.0,
                             "scopeKind": "TEAM", "teamId": T_EAST, "startDate": "2026-03-04", "endDate": "2026-03-31"}},
        expected={"createGoal.startPending": True, "createGoal.goal.status": "ACTIVE", "createGoal.goal.target": 45.0,
                  "createGoal.goal.workflowState": "PENDING", "createGoal.userErrors": []},
    ),
    "MyGoals": Case(
        # a1 has a part in the organisation's goal and in t-east's, and sees only its own.
        variables={"filter": {"metricKey": "handle_avg_s", "statuses": ["ACTIVE"]}},
        expected={"goals.totalCount": 2, "goals.nodes.0.parts.0.kind": "agent", "goals.nodes.0.parts.0.target": 500.0},
        lengths={"goals.nodes": 2, "goals.nodes.0.parts": 1, "goals.nodes.1.parts": 1},
    ),
    "MyNumbers": Case(
        variables={"period": MARCH},
        expected={"me.subject": "a1", "daily.0.bucketDate": "2026-03-02",
                  "daily.0.values.4": {"key": "CSAT_AVG", "value": 5.0, "count": None, "sampleSize": 1},
                  "conversations.totalCount": 2, "conversations.nodes.0.externalId": "cv4",
                  "conversations.nodes.0.id": to_global_id("Conversation", "cv4"), "conversations.nodes.1.csat": 5},
        lengths={"daily": 2, "conversations.nodes": 2},
    ),
    "ReviewQueue": Case(
        expected={"me.subject": "u-qa", "reviewAssignments.nodes.0.conversationId": to_global_id("Conversation", "cv3"),
                  "reviewAssignments.nodes.0.conversation.externalId": "cv3",
                  "reviewAssignments.nodes.0.conversation.agent.name": "王五",
                  "reviewAssignments.nodes.0.conversation.messages.nodes.0.text": "我要退款",
                  "reviewAssignments.pageInfo.hasNextPage": False},
        lengths={"reviewAssignments.nodes": 1, "reviewAssignments.nodes.0.conversation.messages.nodes": 2},
    ),
    "AgentRoster": Case(
        variables={"first": 50},
        expected={"agents.totalCount": 6, "agents.pageInfo.hasNextPage": False},
        lengths={"agents.nodes": 6},
    ),
    "AgentDataExport": Case(
        variables={"agentId": to_global_id("Agent", "a1")},
        expected={"agentDataExport.agent.agent_id": "a1", "agentDataExport.metrics.csat_avg": 5.0},
        lengths={"agentDataExport.conversations": 2},
    ),
    "AuditTrail": Case(
        # The fixture's one audited read: u-admin read a1's name (tests/contract/conftest.py).
        variables={"filter": {"actor": "u-admin", "subjectId": to_global_id("Agent", "a1")}},
        expected={"auditLog.totalCount": 1, "auditLog.nodes.0.action": "READ", "auditLog.nodes.0.fields": ["Agent.name"],
                  "auditLog.nodes.0.subjectKind": "AGENT", "auditLog.nodes.0.subjectId": to_global_id("Agent", "a1"),
                  "auditLog.nodes.0.detail": None},
        lengths={"auditLog.nodes": 1},
    ),
    "EraseCustomer": Case(
        # c2 (刘芳): one profile, one message of their own (cv2's question; cv5 has the bot's only), no
        # feedback comment; the raw events rewritten are the profile and that message. No other case reads c2.
        variables={"input": {"customerId": to_global_id("Customer", "c2")}},
        expected={"eraseCustomer.erasure.customerId": to_global_id("Customer", "c2"),
                  "eraseCustomer.erasure.personalRecordsCleared": 1, "eraseCustomer.erasure.messagesCleared": 1,
                  "eraseCustomer.erasure.commentsCleared": 0, "eraseCustomer.erasure.rawEventsScrubbed": 2,
                  "eraseCustomer.userErrors": []},
    ),
    "PolicyOverview": Case(
        # memberships sort first: the first rule is a default membership of the admin role
        expected={"policyRevision": 0, "policyRules.nodes.0.default": True, "policyRules.nodes.0.kind": "MEMBERSHIP",
                  "policyRules.totalCount": sum(1 for line in POLICY_FILE.read_text(encoding="utf-8").splitlines()
                                                if line.strip() and not line.lstrip().startswith("#")),
                  "policyRules.pageInfo.hasNextPage": True},
        lengths={"policyRules.nodes": 100},
    ),
    # Coaching: the world has no plans; every case leaves it so (a refused change), whatever order they run in.
    "CoachingPlans": Case(variables={"first": 20}, expected={"coachingPlans.totalCount": 0, "coachingPlans.nodes": []}),
    "CoachingPlan": Case(variables={"id": to_global_id("CoachingPlan", "p-none")}, expected={"coachingPlan": None}),
    "CoachingLibrary": Case(
        variables={"category": "退款"},
        expected={"trainingPaths.0.key": "first-contact-resolution", "trainingPaths.0.name": "首问解决",
                  "scriptTemplates.0.key": "refund-policy", "scriptTemplates.0.categories": ["退款"]},
        lengths={"trainingPaths": 8, "scriptTemplates": 3},
    ),
    "AssignCoachingPlan": Case(
        variables={"input": {"agentId": A1, "metricKey": "conversations", "title": "首问解决", "evaluationDate": "2099-03-31", "tasks": []}},
        expected={"assignCoachingPlan.plan": None, "assignCoachingPlan.userErrors.0.field": ["input", "metricKey"],
                  "assignCoachingPlan.userErrors.0.code": "INVALID"},
    ),
    "UpdateCoachingPlan": Case(
        variables={"input": {"id": to_global_id("CoachingPlan", "p-none"), "title": "新标题"}},
        expected={"updateCoachingPlan.plan": None, "updateCoachingPlan.userErrors.0.code": "NOT_FOUND"},
    ),
    "CancelCoachingPlan": Case(
        variables={"input": {"id": to_global_id("CoachingPlan", "p-none")}},
        expected={"cancelCoachingPlan.plan": None, "cancelCoachingPlan.userErrors.0.code": "NOT_FOUND"},
    ),
    "VerifyTask": Case(
        variables={"input": {"id": to_global_id("CoachingTask", "t-none")}},
        expected={"verifyTask.task": None, "verifyTask.userErrors.0.code": "NOT_FOUND"},
    ),
    "ReopenTask": Case(
        variables={"input": {"id": to_global_id("CoachingTask", "t-none"), "note": "请补充"}},
        expected={"reopenTask.task": None, "reopenTask.userErrors.0.code": "NOT_FOUND"},
    ),
    "MyTasks": Case(expected={"myTasks.totalCount": 0, "myTasks.nodes": []}),
    "AcknowledgeTask": Case(
        variables={"input": {"id": to_global_id("CoachingTask", "t-none")}},
        expected={"acknowledgeTask.task": None, "acknowledgeTask.userErrors.0.code": "NOT_FOUND"},
    ),
    "CompleteTask": Case(
        variables={"input": {"id": to_global_id("CoachingTask", "t-none"), "evidence": "已完成"}},
        expected={"completeTask.task": None, "completeTask.userErrors.0.code": "NOT_FOUND"},
    ),
    "CoachingRules": Case(expected={"coachingRules.version": 0, "coachingRules.rules.0.id": "behind-three-checks"}, lengths={"coachingRules.rules": 5}),
    "SetCoachingRules": Case(
        variables={"input": {"rules": [{"id": "r1", "name_zh": "规则", "name_en": "Rule",
                                        "condition": {"type": "behind_consecutive", "checks": 0}, "actions": [{"type": "suggest_staffing"}]}]}},
        expected={"setCoachingRules.coachingRules": None,
                  "setCoachingRules.userErrors.0.field": ["input", "rules", "0", "condition", "checks"],
                  "setCoachingRules.userErrors.0.message": "rule 'r1' condition: checks must be at least 1"},
    ),
}


def at(data: Any, path: str) -> Any:
    """The value at a dotted path of keys and list indices."""
    for step in path.split("."):
        data = data[int(step)] if isinstance(data, list) else data[step]
    return data
