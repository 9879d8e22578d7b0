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
}


def at(data: Any, path: str) -> Any:
    """The value at a dotted path of keys and list indices."""
    for step in path.split("."):
        data = data[int(step)] if isinstance(data, list) else data[step]
    return data
