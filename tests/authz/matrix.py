"""The access matrix, generated from the policy files: every access path to every type, for every role.

``EXPECTED`` is the default policy compiled by the real Casbin enforcer. For each role
it says which fields are full, masked or denied, and which row scopes the role has
on each record type. ``visible_ids`` turns those scopes into the rows of the seeded
world (tests/authz/world.py) with an implementation of its own, so the API's SQL
scoping is checked against an independent oracle.
"""

from collections.abc import Callable
from dataclasses import dataclass

from graphql import GraphQLObjectType, get_named_type

from server.authz.authorization import FieldAccess
from server.authz.fields import FieldPolicy
from server.authz.policy import PolicySnapshot, Scope, compile_snapshot, read_default_rules
from server.alerts.rules import default_rules
from server.config import POLICIES_DIR
from server.kernel.relay import to_global_id
from server.reviews.keys import assignment_global_id
from server.schema import schema
from server.kernel.relay import to_global_id
from tests.authz.world import (
    AGENTS, CONVERSATION_AGENTS, CONVERSATION_CUSTOMERS, CUSTOMERS, DELIVERY_ID, GOAL_PARTS, GOALS, PRINCIPALS, REVIEWS, TEAMS, WEBHOOK_URL,
    AGENTS, ALERT_RULES, ALERTS, CONVERSATION_AGENTS, CONVERSATION_CUSTOMERS, CUSTOMERS, DELIVERY_ID, PRINCIPALS, REVIEWS, TEAMS,
    WEBHOOK_URL,
    directory_users, world_events,
)

EXPECTED: PolicySnapshot = compile_snapshot(POLICIES_DIR, read_default_rules(POLICIES_DIR), revision=0)
GRAPHQL_TYPES = schema._schema.type_map  # noqa: SLF001  (graphql-core schema)


def field_access(role: str, obj: str) -> FieldAccess:
    action = "write" if obj.startswith("Mutation.") else "read"
    scopes = EXPECTED.scopes([role], obj, action)
    if Scope.FULL in scopes:
        return FieldAccess.FULL
    if Scope.MASKED in scopes:
        return FieldAccess.MASKED
    return FieldAccess.DENIED


def row_scopes(role: str, record: str) -> frozenset[str]:
    return EXPECTED.scopes([role], record, "read")


def field_mask(type_name: str, field_name: str) -> Callable:
    """The redaction the schema declares on a field (the function FieldPolicy applies when masked)."""
    definition = schema.get_type_by_name(type_name)
    for strawberry_field in definition.fields:
        if schema.config.name_converter.get_graphql_name(strawberry_field) == field_name:
            [policy] = [extension for extension in strawberry_field.extensions if isinstance(extension, FieldPolicy)]
            return policy.mask
    raise KeyError(f"{type_name}.{field_name}")


def selection(type_name: str) -> str:
    """Every field of a type; object-valued fields select only ``__typename``."""
    parts = []
    for name, definition in GRAPHQL_TYPES[type_name].fields.items():
        nested = isinstance(get_named_type(definition.type), GraphQLObjectType)
        parts.append(f"{name} {{ __typename }}" if nested else name)
    return " ".join(parts)


# ---- The oracle: rows of the world each scope reaches -------------------------------------

MESSAGES: dict[str, list[str]] = {}
MESSAGE_AGENTS: dict[str, str | None] = {}
"""Message id → the sending agent (None for customer, bot and system messages)."""
for _event in world_events():
    if _event["type"] == "message.sent":
        MESSAGES.setdefault(_event["conversation_id"], []).append(_event["id"])
        MESSAGE_AGENTS[_event["id"]] = _event.get("agent_id") if _event["sender"] == "agent" else None

FINAL_AGENTS = {"cv1": "a1", "cv2": "a2", "cv3": "a3", "cv4": "a3", "cv6": "a4"}
CREDITED_FIELDS = frozenset({"csat", "nps", "resolution"})
"""Conversation fields credited to the final agent and its team (nobody moved team in the world)."""


def _descendants(roots: frozenset[str]) -> set[str]:
    found = set(roots)
    changed = True
    while changed:
        children = {team for team, (_name, parent) in TEAMS.items() if parent in found}
        changed = not children <= found
        found |= children
    return found


def _team_agents(role: str) -> set[str]:
    led = _descendants(PRINCIPALS[role].teams)
    return {agent for agent, (_name, team, _email) in AGENTS.items() if team in led}


def _reviewed(role: str) -> set[str]:
    return {conversation for reviewer, conversation in REVIEWS if reviewer == PRINCIPALS[role].subject}


def visible_conversations(role: str, scopes: frozenset[str]) -> set[str]:
    subject = PRINCIPALS[role].subject
    found: set[str] = set()
    for conversation, agents in CONVERSATION_AGENTS.items():
        if (Scope.ALL in scopes or (Scope.OWN in scopes and subject in agents)
                or (Scope.TEAM in scopes and agents & _team_agents(role))
                or (Scope.ASSIGNED in scopes and conversation in _reviewed(role))):
            found.add(conversation)
    return found


def visible_ids(role: str, record: str) -> set[str]:
    """Ids of ``record`` rows the role's default scopes reach in the seeded world."""
    scopes = row_scopes(role, record)
    subject = PRINCIPALS[role].subject
    if record == "Team":
        teams = set(TEAMS) if Scope.ALL in scopes else set()
        if Scope.TEAM in scopes:
            teams |= _descendants(PRINCIPALS[role].teams)
        if Scope.OWN in scopes and subject in AGENTS:
            teams.add(AGENTS[subject][1])
        return teams
    if record == "Agent":
        agents = set(AGENTS) if Scope.ALL in scopes else set()
        if Scope.OWN in scopes and subject in AGENTS:
            agents.add(subject)
        if Scope.TEAM in scopes:
            agents |= _team_agents(role)
        if Scope.ASSIGNED in scopes:
            agents |= {agent for conversation in _reviewed(role) for agent in CONVERSATION_AGENTS[conversation]}
        return agents
    if record == "Conversation":
        return visible_conversations(role, scopes)
    if record == "Customer":
        return {CONVERSATION_CUSTOMERS[c] for c in visible_conversations(role, scopes)} if Scope.ALL not in scopes else set(CUSTOMERS)
    if record == "Message":
        found = {message for c in visible_conversations(role, scopes) for message in MESSAGES.get(c, [])}
        if Scope.OWN in scopes and not scopes & {Scope.ALL, Scope.TEAM, Scope.ASSIGNED}:
            found = {message for message in found if MESSAGE_AGENTS[message] in (None, subject)}
        return found
    if record == "User":
        users = {user.user_id: user for user in directory_users()}
        if Scope.ALL in scopes:
            return set(users)
        found = {subject} & set(users) if scopes & {Scope.OWN, Scope.TEAM} else set()
        if Scope.TEAM in scopes:
            led = _descendants(PRINCIPALS[role].teams)
            found |= {user.user_id for user in users.values() if user.teams & led}
            found |= {user.user_id for user in users.values() if user.agent_id in AGENTS and AGENTS[user.agent_id][1] in led}
        return found
    if record == "Notification":
        return {f"n-{subject}"} if Scope.OWN in scopes else set()
    if record == "Webhook":
        return {WEBHOOK_URL} if Scope.ALL in scopes else set()
    if record == "WebhookDelivery":
        return {DELIVERY_ID} if Scope.ALL in scopes else set()
    if record == "Goal":
        return {goal for goal in GOALS if _goal_visible(role, scopes, goal)}
    if record == "GoalPart":
        return {f"{goal}/{key}" for goal in visible_ids(role, "Goal") for key, team, agent in _parts(goal)
                if _part_visible(role, scopes, team, agent)}
    if record == "Alert":
        found = set(ALERTS) if Scope.ALL in scopes else set()
        if Scope.TEAM in scopes:
            found |= {alert for alert, (_, _, team, _) in ALERTS.items() if team in _descendants(PRINCIPALS[role].teams)}
        if Scope.OWN in scopes:
            found |= {alert for alert, (_, _, _, agent) in ALERTS.items() if agent == subject}
        return {f"{ALERTS[alert][0].upper()}/{ALERTS[alert][1]}" for alert in found}
    if record == "AlertRule":
        rules = set(ALERT_RULES) | {spec.name for spec in default_rules(POLICIES_DIR).values()} if Scope.ALL in scopes else set()
        if Scope.TEAM in scopes:
            rules |= {rule for rule, team in ALERT_RULES.items() if team in _descendants(PRINCIPALS[role].teams)}
        return rules
    if record == "ReviewAssignment":
        found = set()
        for reviewer, conversation in REVIEWS:
            if (Scope.ALL in scopes or (Scope.OWN in scopes and reviewer == subject)
                    or (Scope.TEAM in scopes and CONVERSATION_AGENTS[conversation] & _team_agents(role))):
                found.add(f"{reviewer}/{conversation}")
        return found
    raise KeyError(record)


def _parts(goal: str) -> list[tuple[str, str, str | None]]:
    return [(f"agent:{team}:{agent}" if agent else f"team:{team}", team, agent) for team, agent in GOAL_PARTS[goal]]


def _goal_visible(role: str, scopes: frozenset[str], goal: str) -> bool:
    subject, (scope, team, agent) = PRINCIPALS[role].subject, GOALS[goal]
    led = _descendants(PRINCIPALS[role].teams)
    part_teams = {part_team for part_team, _ in GOAL_PARTS[goal]}
    part_agents = {part_agent for _, part_agent in GOAL_PARTS[goal]}
    return (
        Scope.ALL in scopes
        or (Scope.AGGREGATE in scopes and scope != "agent")
        or (Scope.TEAM in scopes and (team in led or (agent is not None and AGENTS[agent][1] in led) or bool(part_teams & led)))
        or (Scope.OWN in scopes and (agent == subject or subject in part_agents))
    )


def _part_visible(role: str, scopes: frozenset[str], team: str, agent: str | None) -> bool:
    return (
        Scope.ALL in scopes
        or (Scope.AGGREGATE in scopes and agent is None)
        or (Scope.TEAM in scopes and team in _descendants(PRINCIPALS[role].teams))
        or (Scope.OWN in scopes and agent == PRINCIPALS[role].subject)
    )


def _goal_part_ids(role: str) -> list[str]:
    return sorted(to_global_id("GoalPart", key) for key in visible_ids(role, "GoalPart"))


GOALS_BY_ID = " ".join(f'goal_{index}: goal(id: "{to_global_id("Goal", goal)}") {{ SELECTION }}' for index, goal in enumerate(sorted(GOALS)))
GOALS_AS_NODES = " ".join(
    f'node_{index}: node(id: "{to_global_id("Goal", goal)}") {{ ... on Goal {{ SELECTION }} }}' for index, goal in enumerate(sorted(GOALS))
)


# ---- The access paths ---------------------------------------------------------------------

@dataclass(frozen=True)
class AccessPath:
    """One way to reach objects of ``target``: a query, where its objects are, what must be allowed."""

    name: str
    target: str
    query: str
    locate: tuple[str, ...]
    gates: tuple[str, ...]
    """Field objects the path passes through (root field first); a denied one blocks the path."""
    records: tuple[str, ...] = ()
    """Record types whose row scope the path needs (the first one decides which rows)."""
    needs_full: tuple[str, ...] = ()
    """Fields a filter or order of this path uses; anything but full access is FORBIDDEN."""
    expected: Callable[[str], list[str]] | None = None
    """The ids the role should get, in any order (duplicates count), for record paths."""
    key: str = "externalId"
    """Fields that identify a located object (joined with "/"): by default its id in the event contract."""
    count_of: str | None = None
    """For connections: the record type whose visible rows ``totalCount`` must equal."""

    def render(self) -> str:
        return self.query.replace("SELECTION", selection(self.target))


def _ids(record: str) -> Callable[[str], list[str]]:
    return lambda role: sorted(visible_ids(role, record))


def _nested(parent_ids: Callable[[str], set[str]], children: Callable[[str, str], list[str]]) -> Callable[[str], list[str]]:
    return lambda role: sorted(child for parent in parent_ids(role) for child in children(role, parent))


def _conversations_of_agent(role: str, agent: str) -> list[str]:
    return [c for c in visible_ids(role, "Conversation") if agent in CONVERSATION_AGENTS[c]]


def _agents_of_team(role: str, team: str) -> list[str]:
    return [a for a in visible_ids(role, "Agent") if AGENTS[a][1] == team]


def _messages_of(role: str, conversation: str) -> list[str]:
    visible = visible_ids(role, "Message")
    return [m for m in MESSAGES.get(conversation, []) if m in visible]


def _customer_of(role: str, conversation: str) -> list[str]:
    customer = CONVERSATION_CUSTOMERS[conversation]
    return [customer] if customer in visible_ids(role, "Customer") else []


def credited(role: str, conversation: str) -> bool:
    """Whether the role reads the conversation's credited fields (CSAT, NPS, resolution)."""
    scopes = row_scopes(role, "Conversation")
    final = FINAL_AGENTS.get(conversation)
    return (
        Scope.ALL in scopes
        or (Scope.OWN in scopes and final == PRINCIPALS[role].subject)
        or (Scope.TEAM in scopes and final is not None and AGENTS[final][1] in _descendants(PRINCIPALS[role].teams))
        or (Scope.ASSIGNED in scopes and conversation in _reviewed(role))
    )


def _agent_of(role: str, conversation: str) -> list[str]:
    final = FINAL_AGENTS.get(conversation)
    return [final] if final and final in visible_ids(role, "Agent") else []


def _by_id(root: str, type_name: str, keys: list[str]) -> str:
    """One aliased look-up per record, by global id."""
    return " ".join(
        f'{root}_{index}: {root}(id: "{to_global_id(type_name, key)}") {{ SELECTION }}' for index, key in enumerate(keys)
    )


def _by_node(type_name: str, keys: list[str]) -> str:
    """One aliased ``node(id:)`` per record of ``type_name``."""
    return " ".join(
        f'node_{index}: node(id: "{to_global_id(type_name, key)}") {{ ... on {type_name} {{ SELECTION }} }}'
        for index, key in enumerate(keys)
    )


def _review_ids(role: str) -> list[str]:
    """Global ids of the review assignments the role may read."""
    return sorted(assignment_global_id(*key.split("/", 1)) for key in visible_ids(role, "ReviewAssignment"))


SEARCH_HITS = {"cv3"}


def _search(role: str) -> list[str]:
    return sorted(visible_ids(role, "Conversation") & SEARCH_HITS)


DAYS = 'before: {from: "2026-03-02", to: "2026-03-02"}, after: {from: "2026-03-03", to: "2026-03-03"}'
COMPARISON = f"metricPeriodComparison(metrics: [HANDLE_AVG_S], {DAYS}, groupBy: [AGENT])"
BEFORE_AFTER = f"metricBeforeAfter(metric: HANDLE_AVG_S, {DAYS})"
USER_IDS = [to_global_id("User", user.user_id) for user in sorted(directory_users(), key=lambda user: user.user_id)]
USERS_AS_NODES = " ".join(f'node_{index}: node(id: "{gid}") {{ ... on User {{ SELECTION }} }}' for index, gid in enumerate(USER_IDS))
USERS_AS_NODE_LIST = "nodes(ids: [" + ", ".join(f'"{gid}"' for gid in USER_IDS) + "]) { ... on User { SELECTION } }"
USERS_BY_ID = " ".join(
    f'user_{index}: user(id: "{to_global_id("User", user.user_id)}") {{ SELECTION }}'
    for index, user in enumerate(sorted(directory_users(), key=lambda user: user.user_id))
)
"""The insights over the world's two days (2 and 3 March): each role's agents, within its metric scope."""
METRIC_AGENTS = {"admin": {"a1", "a2", "a3", "a4"}, "hr": {"a1", "a2", "a3", "a4"}, "manager": {"a1", "a2"}, "agent": {"a1"}}
"""Agents with metric rows for each role with individual metric access (tests/authz/test_aggregates.py)."""


def _metric_agents(role: str) -> list[str]:
    return sorted(visible_ids(role, "Agent") & METRIC_AGENTS.get(role, set()))

FIRST_ENTRY = to_global_id("AuditEntry", "1")

PATHS: tuple[AccessPath, ...] = (
    AccessPath("QaRuleSet/root", "QaRuleSet", "{ qaRules { SELECTION } }", ("qaRules",), ("Query.qaRules",), ("QaRules",)),
    AccessPath("QaScorecard/list", "QaScorecard", "{ scorecards { SELECTION } }", ("scorecards", "*"), ("Query.scorecards",),
               ("QaScorecard",)),
    AccessPath("QaReviewConnection/list", "QaReviewConnection", "{ qaReviews(first: 10) { SELECTION } }", ("qaReviews",),
               ("Query.qaReviews",), ("QaReview",)),
    AccessPath("QaDispute/list", "QaDispute", "{ qaDisputes { SELECTION } }", ("qaDisputes", "*"), ("Query.qaDisputes",),
               ("QaDispute",)),
    AccessPath("QaMetricRow/list", "QaMetricRow",
               '{ qaMetrics(periodStart: "2026-01-01T00:00:00+08:00", periodEnd: "2027-01-01T00:00:00+08:00") { SELECTION } }',
               ("qaMetrics", "*"), ("Query.qaMetrics",), ("QaMetric",)),
    AccessPath("QaSamplingPlan/list", "QaSamplingPlan", "{ samplingPlans { SELECTION } }", ("samplingPlans", "*"),
               ("Query.samplingPlans",), ("QaSampling",)),
    AccessPath("QaCalibrationSession/list", "QaCalibrationSession", "{ calibrationSessions { SELECTION } }",
               ("calibrationSessions", "*"), ("Query.calibrationSessions",), ("QaCalibration",)),
    AccessPath("ComplaintHotspot/list", "ComplaintHotspot",
               '{ complaintHotspots(periodStart: "2026-01-01T00:00:00Z", periodEnd: "2027-01-01T00:00:00Z") { terms { SELECTION } } }',
               ("complaintHotspots", "terms", "*"), ("Query.complaintHotspots", "ComplaintHotspots.terms"), ("QaMetric",)),
    AccessPath("QaReview/nested", "QaReview", "{ qaReviews(first: 10) { nodes { SELECTION } } }", ("qaReviews", "nodes", "*"),
               ("Query.qaReviews", "QaReviewConnection.nodes"), ("QaReview",), key="id"),
    AccessPath("QaReview/by-id", "QaReview", '{ qaReview(id: "UWFSZXZpZXc6cS1ub25l") { SELECTION } }', ("qaReview",),
               ("Query.qaReview",), ("QaReview",), key="id"),
    AccessPath("ReviewAssignment/queue", "ReviewAssignment", "{ reviewQueue(first: 10) { nodes { SELECTION } } }",
               ("reviewQueue", "nodes", "*"), ("Query.reviewQueue", "ReviewAssignmentConnection.nodes"), ("QaReview",), key="id"),
    AccessPath("QaReviewEdge/nested", "QaReviewEdge", "{ qaReviews(first: 10) { edges { SELECTION } } }",
               ("qaReviews", "edges", "*"), ("Query.qaReviews", "QaReviewConnection.edges"), ("QaReview",), key="cursor"),
    *(
        AccessPath(f"{target}/review", target, f"{{ qaReviews(first: 10) {{ nodes {{ {field} {{ SELECTION }} }} }} }}",
                   ("qaReviews", "nodes", "*", field, "*"), ("Query.qaReviews", "QaReviewConnection.nodes", f"QaReview.{field}"),
                   ("QaReview",))
        for target, field in (("QaFinding", "findings"), ("QaItemScore", "items"), ("QaAnnotation", "annotations"))
    ),
    AccessPath("QaRule/rule-set", "QaRule", "{ qaRules { rules { SELECTION } } }", ("qaRules", "rules", "*"),
               ("Query.qaRules", "QaRuleSet.rules"), ("QaRules",), key="ruleId"),
    *(
        AccessPath(f"{target}/scorecard", target, f"{{ scorecards {{ {field} {{ SELECTION }} }} }}", ("scorecards", "*", field, "*"),
                   ("Query.scorecards", f"QaScorecard.{field}"), ("QaScorecard",), key="key")
        for target, field in (("QaScorecardDimension", "dimensions"), ("QaScorecardItem", "items"))
    ),
    AccessPath("QaMetricValue/row", "QaMetricValue",
               '{ qaMetrics(periodStart: "2026-01-01T00:00:00+08:00", periodEnd: "2027-01-01T00:00:00+08:00") { values { SELECTION } } }',
               ("qaMetrics", "*", "values", "*"), ("Query.qaMetrics", "QaMetricRow.values"), ("QaMetric",), key="key"),
    AccessPath("QaAgreement/session", "QaAgreement", "{ calibrationSessions { agreement { SELECTION } } }",
               ("calibrationSessions", "*", "agreement"), ("Query.calibrationSessions", "QaCalibrationSession.agreement"),
               ("QaCalibration",)),
    AccessPath("QaIcc/session", "QaIcc", "{ calibrationSessions { agreement { icc { SELECTION } } } }",
               ("calibrationSessions", "*", "agreement", "icc"),
               ("Query.calibrationSessions", "QaCalibrationSession.agreement", "QaAgreement.icc"), ("QaCalibration",)),
    *(
        AccessPath(f"{target}/session", target, f"{{ calibrationSessions {{ agreement {{ {field} {{ SELECTION }} }} }} }}",
                   ("calibrationSessions", "*", "agreement", field, "*"),
                   ("Query.calibrationSessions", "QaCalibrationSession.agreement", f"QaAgreement.{field}"), ("QaCalibration",))
        for target, field in (("QaDimensionAgreement", "dimensions"), ("QaReviewerBias", "reviewers"))
    ),
    AccessPath("ComplaintHotspots/root", "ComplaintHotspots",
               '{ complaintHotspots(periodStart: "2026-01-01T00:00:00Z", periodEnd: "2027-01-01T00:00:00Z") { SELECTION } }',
               ("complaintHotspots",), ("Query.complaintHotspots",), ("QaMetric",)),
    AccessPath("Viewer/me", "Viewer", "{ me { SELECTION } }", ("me",), ("Query.me",)),
    AccessPath("ServiceInfo/root", "ServiceInfo", "{ serviceInfo { SELECTION } }", ("serviceInfo",), ("Query.serviceInfo",)),
    AccessPath("FactsFreshness/service-info", "FactsFreshness", "{ serviceInfo { facts { SELECTION } } }",
               ("serviceInfo", "facts"), ("Query.serviceInfo", "ServiceInfo.facts")),
    AccessPath("FactsFreshness/metric-row", "FactsFreshness", "{ metrics { freshness { SELECTION } } }",
               ("metrics", "*", "freshness"), ("Query.metrics", "MetricRow.freshness"), ("Metric",)),
    AccessPath("Team/single", "Team", "{ " + _by_id("team", "Team", sorted(TEAMS)) + " }", ("team_*",), ("Query.team",), ("Team",),
               expected=_ids("Team")),
    AccessPath("Team/node", "Team", "{ " + _by_node("Team", sorted(TEAMS)) + " }", ("node_*",), ("Query.node",), ("Team",),
               expected=_ids("Team")),
    AccessPath("Team/list", "Team", "{ teams { SELECTION } }", ("teams", "*"), ("Query.teams",), ("Team",), expected=_ids("Team")),
    AccessPath("Team/nested-sub-teams", "Team", "{ teams { subTeams { SELECTION } } }", ("teams", "*", "subTeams", "*"),
               ("Query.teams", "Team.subTeams"), ("Team",),
               expected=_nested(lambda r: visible_ids(r, "Team"), lambda r, t: [c for c in visible_ids(r, "Team") if TEAMS[c][1] == t])),
    AccessPath("Agent/single", "Agent", "{ " + _by_id("agent", "Agent", sorted(AGENTS)) + " }", ("agent_*",), ("Query.agent",),
               ("Agent",), expected=_ids("Agent")),
    AccessPath("Agent/node", "Agent", "{ " + _by_node("Agent", sorted(AGENTS)) + " }", ("node_*",), ("Query.node",), ("Agent",),
               expected=_ids("Agent")),
    AccessPath("Agent/list", "Agent", "{ agents(first: 100) { nodes { SELECTION } } }", ("agents", "nodes", "*"),
               ("Query.agents", "AgentConnection.nodes"), ("Agent",), expected=_ids("Agent")),
    AccessPath("Agent/sorted", "Agent", "{ agents(orderBy: NAME) { nodes { SELECTION } } }", ("agents", "nodes", "*"),
               ("Query.agents", "AgentConnection.nodes"), ("Agent",), needs_full=("Agent.name",), expected=_ids("Agent")),
    AccessPath("Agent/search", "Agent", '{ agents(filter: {nameContains: "三"}) { nodes { SELECTION } } }', ("agents", "nodes", "*"),
               ("Query.agents", "AgentConnection.nodes"), ("Agent",), needs_full=("Agent.name",),
               expected=lambda role: sorted(visible_ids(role, "Agent") & {"a1"})),
    AccessPath("Agent/nested-team", "Agent", "{ teams { id agents(first: 100) { nodes { SELECTION } } } }",
               ("teams", "*", "agents", "nodes", "*"), ("Query.teams", "Team.agents", "AgentConnection.nodes"), ("Team", "Agent"),
               expected=_nested(lambda r: visible_ids(r, "Team"), _agents_of_team)),
    AccessPath("AgentEdge/list", "AgentEdge", "{ agents(first: 100) { edges { SELECTION } } }", ("agents", "edges", "*"),
               ("Query.agents", "AgentConnection.edges"), ("Agent",)),
    AccessPath("Agent/nested-conversation", "Agent", "{ conversations(first: 100) { nodes { agent { SELECTION } } } }",
               ("conversations", "nodes", "*", "agent"), ("Query.conversations", "ConversationConnection.nodes", "Conversation.agent"),
               ("Conversation", "Agent"), expected=_nested(lambda r: visible_ids(r, "Conversation"), _agent_of)),
    AccessPath("AgentConnection/count", "AgentConnection", "{ agents(first: 1) { SELECTION } }", ("agents",), ("Query.agents",),
               ("Agent",), count_of="Agent"),
    AccessPath("User/list", "User", "{ users(first: 100) { nodes { SELECTION } } }", ("users", "nodes", "*"),
               ("Query.users", "UserConnection.nodes"), ("User",), expected=_ids("User"), key="externalId"),
    AccessPath("User/single", "User", "{ " + USERS_BY_ID + " }", ("user_*",), ("Query.user",), ("User",),
               expected=_ids("User"), key="externalId"),
    AccessPath("User/viewer", "User", "{ me { user { SELECTION } } }", ("me", "user"), ("Query.me", "Viewer.user"), ("User",),
               key="externalId"),
    AccessPath("User/node", "User", "{ " + USERS_AS_NODES + " }", ("node_*",), ("Query.node",), ("User",),
               expected=_ids("User"), key="externalId"),
    AccessPath("User/nodes", "User", "{ " + USERS_AS_NODE_LIST + " }", ("nodes", "*"), ("Query.nodes",), ("User",),
               expected=_ids("User"), key="externalId"),
    AccessPath("UserEdge/list", "UserEdge", "{ users(first: 100) { edges { SELECTION } } }", ("users", "edges", "*"),
               ("Query.users", "UserConnection.edges"), ("User",)),
    AccessPath("UserConnection/count", "UserConnection", "{ users(first: 1) { SELECTION } }", ("users",), ("Query.users",),
               ("User",), count_of="User"),
    AccessPath("QuietHours/nested", "QuietHours", "{ users(first: 100) { nodes { quietHours { SELECTION } } } }",
               ("users", "nodes", "*", "quietHours"), ("Query.users", "UserConnection.nodes", "User.quietHours"), ("User",)),
    AccessPath("Notification/list", "Notification", "{ notifications(first: 100) { nodes { SELECTION } } }",
               ("notifications", "nodes", "*"), ("Query.notifications", "NotificationConnection.nodes"), ("Notification",),
               key="subjectId"),
    AccessPath("NotificationEdge/list", "NotificationEdge", "{ notifications(first: 100) { edges { SELECTION } } }",
               ("notifications", "edges", "*"), ("Query.notifications", "NotificationConnection.edges"), ("Notification",)),
    AccessPath("NotificationConnection/count", "NotificationConnection", "{ notifications(first: 1) { SELECTION } }",
               ("notifications",), ("Query.notifications",), ("Notification",), count_of="Notification"),
    AccessPath("NotificationPreference/list", "NotificationPreference", "{ notificationPreferences { SELECTION } }",
               ("notificationPreferences", "*"), ("Query.notificationPreferences",), ("Notification",)),
    AccessPath("Goal/list", "Goal", "{ goals(first: 100) { nodes { SELECTION } } }", ("goals", "nodes", "*"),
               ("Query.goals", "GoalConnection.nodes"), ("Goal",), expected=_ids("Goal")),
    AccessPath("GoalEdge/list", "GoalEdge", "{ goals(first: 100) { edges { SELECTION } } }", ("goals", "edges", "*"),
               ("Query.goals", "GoalConnection.edges"), ("Goal",)),
    AccessPath("GoalConnection/count", "GoalConnection", "{ goals(first: 1) { SELECTION } }", ("goals",),
               ("Query.goals",), ("Goal",), count_of="Goal"),
    AccessPath("Goal/single", "Goal", "{ " + GOALS_BY_ID + " }", ("goal_*",), ("Query.goal",), ("Goal",), expected=_ids("Goal")),
    AccessPath("Goal/node", "Goal", "{ " + GOALS_AS_NODES + " }", ("node_*",), ("Query.node",), ("Goal",), expected=_ids("Goal")),
    AccessPath("GoalPart/nested", "GoalPart", "{ goals(first: 100) { nodes { parts { SELECTION } } } }",
               ("goals", "nodes", "*", "parts", "*"), ("Query.goals", "GoalConnection.nodes", "Goal.parts"), ("Goal", "GoalPart"),
               expected=_goal_part_ids, key="id"),
    AccessPath("GoalCheck/nested", "GoalCheck", "{ goals(first: 100) { nodes { checks { SELECTION } } } }",
               ("goals", "nodes", "*", "checks", "*"), ("Query.goals", "GoalConnection.nodes", "Goal.checks"), ("Goal",),
               expected=lambda role: sorted(to_global_id("GoalCheck", f"c-{goal}") for goal in visible_ids(role, "Goal")), key="id"),
    AccessPath("Webhook/list", "Webhook", "{ webhooks(first: 100) { nodes { SELECTION } } }", ("webhooks", "nodes", "*"),
               ("Query.webhooks", "WebhookConnection.nodes"), ("Webhook",), expected=_ids("Webhook"), key="url"),
    AccessPath("WebhookEdge/list", "WebhookEdge", "{ webhooks(first: 100) { edges { SELECTION } } }", ("webhooks", "edges", "*"),
               ("Query.webhooks", "WebhookConnection.edges"), ("Webhook",)),
    AccessPath("WebhookConnection/count", "WebhookConnection", "{ webhooks(first: 1) { SELECTION } }", ("webhooks",),
               ("Query.webhooks",), ("Webhook",), count_of="Webhook"),
    AccessPath("WebhookDelivery/list", "WebhookDelivery", "{ webhookDeliveries(first: 100) { nodes { SELECTION } } }",
               ("webhookDeliveries", "nodes", "*"), ("Query.webhookDeliveries", "WebhookDeliveryConnection.nodes"),
               ("WebhookDelivery",), expected=_ids("WebhookDelivery"), key="messageId"),
    AccessPath("WebhookDeliveryEdge/list", "WebhookDeliveryEdge", "{ webhookDeliveries(first: 100) { edges { SELECTION } } }",
               ("webhookDeliveries", "edges", "*"), ("Query.webhookDeliveries", "WebhookDeliveryConnection.edges"),
               ("WebhookDelivery",)),
    AccessPath("WebhookDeliveryConnection/count", "WebhookDeliveryConnection", "{ webhookDeliveries(first: 1) { SELECTION } }",
               ("webhookDeliveries",), ("Query.webhookDeliveries",), ("WebhookDelivery",), count_of="WebhookDelivery"),
    AccessPath("Alert/list", "Alert", "{ alerts(first: 100) { nodes { SELECTION } } }", ("alerts", "nodes", "*"),
               ("Query.alerts", "AlertConnection.nodes"), ("Alert",), expected=_ids("Alert"), key="scopeKind/scopeId"),
    AccessPath("AlertNote/nested", "AlertNote", "{ alerts(first: 100) { nodes { notes { SELECTION } } } }",
               ("alerts", "nodes", "*", "notes", "*"), ("Query.alerts", "AlertConnection.nodes", "Alert.notes"), ("Alert",)),
    AccessPath("AlertEdge/list", "AlertEdge", "{ alerts(first: 100) { edges { SELECTION } } }", ("alerts", "edges", "*"),
               ("Query.alerts", "AlertConnection.edges"), ("Alert",)),
    AccessPath("AlertConnection/count", "AlertConnection", "{ alerts(first: 1) { SELECTION } }", ("alerts",),
               ("Query.alerts",), ("Alert",), count_of="Alert"),
    AccessPath("AlertRule/of-alert", "AlertRule", "{ alerts(first: 100) { nodes { rule { SELECTION } } } }",
               ("alerts", "nodes", "*", "rule"), ("Query.alerts", "AlertConnection.nodes", "Alert.rule"), ("Alert",)),
    AccessPath("AlertRule/list", "AlertRule", "{ alertRules(first: 100) { nodes { SELECTION } } }", ("alertRules", "nodes", "*"),
               ("Query.alertRules", "AlertRuleConnection.nodes"), ("AlertRule",), expected=_ids("AlertRule"), key="name"),
    AccessPath("AlertRuleEdge/list", "AlertRuleEdge", "{ alertRules(first: 100) { edges { SELECTION } } }",
               ("alertRules", "edges", "*"), ("Query.alertRules", "AlertRuleConnection.edges"), ("AlertRule",)),
    AccessPath("AlertRuleConnection/count", "AlertRuleConnection", "{ alertRules(first: 1) { SELECTION } }", ("alertRules",),
               ("Query.alertRules",), ("AlertRule",), count_of="AlertRule"),
    AccessPath("PageInfo/agents", "PageInfo", "{ agents(first: 1) { pageInfo { SELECTION } } }", ("agents", "pageInfo"),
               ("Query.agents", "AgentConnection.pageInfo"), ("Agent",)),
    AccessPath("Conversation/single", "Conversation", "{ " + _by_id("conversation", "Conversation", sorted(CONVERSATION_AGENTS)) + " }",
               ("conversation_*",), ("Query.conversation",), ("Conversation",), expected=_ids("Conversation")),
    AccessPath("Conversation/node", "Conversation", "{ " + _by_node("Conversation", sorted(CONVERSATION_AGENTS)) + " }",
               ("node_*",), ("Query.node",), ("Conversation",), expected=_ids("Conversation")),
    AccessPath("Conversation/nodes", "Conversation",
               "{ nodes(ids: [%s]) { ... on Conversation { SELECTION } } }"
               % ", ".join(f'"{to_global_id("Conversation", key)}"' for key in sorted(CONVERSATION_AGENTS)),
               ("nodes", "*"), ("Query.nodes",), ("Conversation",), expected=_ids("Conversation")),
    AccessPath("ConversationEdge/list", "ConversationEdge", "{ conversations(first: 100) { edges { SELECTION } } }",
               ("conversations", "edges", "*"), ("Query.conversations", "ConversationConnection.edges"), ("Conversation",)),
    AccessPath("Conversation/list", "Conversation", "{ conversations(first: 100) { nodes { SELECTION } } }",
               ("conversations", "nodes", "*"), ("Query.conversations", "ConversationConnection.nodes"), ("Conversation",),
               expected=_ids("Conversation")),
    AccessPath("Conversation/sorted", "Conversation", "{ conversations(orderBy: OLDEST_FIRST) { nodes { SELECTION } } }",
               ("conversations", "nodes", "*"), ("Query.conversations", "ConversationConnection.nodes"), ("Conversation",),
               expected=_ids("Conversation")),
    AccessPath("Conversation/filter", "Conversation", '{ conversations(filter: {channel: "chat"}) { nodes { SELECTION } } }',
               ("conversations", "nodes", "*"), ("Query.conversations", "ConversationConnection.nodes"), ("Conversation",),
               expected=lambda role: sorted(visible_ids(role, "Conversation") & {"cv1", "cv3", "cv5", "cv6"})),
    AccessPath("Conversation/search", "Conversation", '{ conversations(filter: {search: "退款"}) { nodes { SELECTION } } }',
               ("conversations", "nodes", "*"), ("Query.conversations", "ConversationConnection.nodes"), ("Conversation", "Message"),
               needs_full=("Message.text",), expected=_search),
    AccessPath("Conversation/nested-agent", "Conversation",
               "{ agents(first: 100) { nodes { conversations(first: 10) { nodes { SELECTION } } } } }",
               ("agents", "nodes", "*", "conversations", "nodes", "*"),
               ("Query.agents", "AgentConnection.nodes", "Agent.conversations", "ConversationConnection.nodes"),
               ("Agent", "Conversation"), expected=_nested(lambda r: visible_ids(r, "Agent"), _conversations_of_agent)),
    AccessPath("Conversation/nested-review", "Conversation", "{ reviewAssignments { nodes { conversation { SELECTION } } } }",
               ("reviewAssignments", "nodes", "*", "conversation"),
               ("Query.reviewAssignments", "ReviewAssignmentConnection.nodes", "ReviewAssignment.conversation"),
               ("ReviewAssignment", "Conversation"),
               expected=lambda role: sorted(c for r, c in REVIEWS if f"{r}/{c}" in visible_ids(role, "ReviewAssignment") and c in visible_ids(role, "Conversation"))),
    AccessPath("ConversationConnection/count", "ConversationConnection", "{ conversations(first: 1) { SELECTION } }",
               ("conversations",), ("Query.conversations",), ("Conversation",), count_of="Conversation"),
    AccessPath("Message/nested", "Message", "{ conversations(first: 100) { nodes { messages(first: 10) { nodes { SELECTION } } } } }",
               ("conversations", "nodes", "*", "messages", "nodes", "*"),
               ("Query.conversations", "ConversationConnection.nodes", "Conversation.messages", "MessageConnection.nodes"),
               ("Conversation", "Message"), expected=_nested(lambda r: visible_ids(r, "Conversation"), _messages_of)),
    AccessPath("Message/node", "Message", "{ " + _by_node("Message", sorted(m for ms in MESSAGES.values() for m in ms)) + " }",
               ("node_*",), ("Query.node",), ("Message",), expected=_ids("Message")),
    AccessPath("MessageEdge/nested", "MessageEdge", "{ conversations(first: 100) { nodes { messages(first: 10) { edges { SELECTION } } } } }",
               ("conversations", "nodes", "*", "messages", "edges", "*"),
               ("Query.conversations", "ConversationConnection.nodes", "Conversation.messages", "MessageConnection.edges"),
               ("Conversation", "Message")),
    AccessPath("MessageConnection/count", "MessageConnection",
               '{ conversation(id: "%s") { messages(first: 1) { SELECTION } } }' % to_global_id("Conversation", "cv4"),
               ("conversation", "messages"), ("Query.conversation", "Conversation.messages"), ("Conversation", "Message")),
    AccessPath("Customer/single", "Customer", "{ " + _by_id("customer", "Customer", sorted(CUSTOMERS)) + " }", ("customer_*",),
               ("Query.customer",), ("Customer",), expected=_ids("Customer")),
    AccessPath("Customer/node", "Customer", "{ " + _by_node("Customer", sorted(CUSTOMERS)) + " }", ("node_*",),
               ("Query.node",), ("Customer",), expected=_ids("Customer")),
    AccessPath("CustomerEdge/list", "CustomerEdge", "{ customers(first: 100) { edges { SELECTION } } }", ("customers", "edges", "*"),
               ("Query.customers", "CustomerConnection.edges"), ("Customer",)),
    AccessPath("Customer/list", "Customer", "{ customers(first: 100) { nodes { SELECTION } } }", ("customers", "nodes", "*"),
               ("Query.customers", "CustomerConnection.nodes"), ("Customer",), expected=_ids("Customer")),
    AccessPath("Customer/sorted", "Customer", "{ customers(orderBy: NAME) { nodes { SELECTION } } }", ("customers", "nodes", "*"),
               ("Query.customers", "CustomerConnection.nodes"), ("Customer",), needs_full=("Customer.name",), expected=_ids("Customer")),
    AccessPath("Customer/filter-phone", "Customer", '{ customers(filter: {phone: "13812345678"}) { nodes { SELECTION } } }',
               ("customers", "nodes", "*"), ("Query.customers", "CustomerConnection.nodes"), ("Customer",),
               needs_full=("Customer.phone",), expected=lambda role: sorted(visible_ids(role, "Customer") & {"c1"})),
    AccessPath("Customer/nested-conversation", "Customer", "{ conversations(first: 100) { nodes { customer { SELECTION } } } }",
               ("conversations", "nodes", "*", "customer"), ("Query.conversations", "ConversationConnection.nodes", "Conversation.customer"),
               ("Conversation", "Customer"), expected=_nested(lambda r: visible_ids(r, "Conversation"), _customer_of)),
    AccessPath("CustomerConnection/count", "CustomerConnection", "{ customers(first: 1) { SELECTION } }", ("customers",),
               ("Query.customers",), ("Customer",), count_of="Customer"),
    AccessPath("ReviewAssignment/list", "ReviewAssignment", "{ reviewAssignments { nodes { SELECTION } } }",
               ("reviewAssignments", "nodes", "*"), ("Query.reviewAssignments", "ReviewAssignmentConnection.nodes"),
               ("ReviewAssignment",), expected=_review_ids, key="id"),
    AccessPath("ReviewAssignment/node", "ReviewAssignment",
               "{ " + " ".join(
                   f'node_{index}: node(id: "{assignment_global_id(*key)}") {{ ... on ReviewAssignment {{ SELECTION }} }}'
                   for index, key in enumerate(sorted(REVIEWS))
               ) + " }",
               ("node_*",), ("Query.node",), ("ReviewAssignment",), expected=_review_ids, key="id"),
    AccessPath("ReviewAssignmentEdge/list", "ReviewAssignmentEdge", "{ reviewAssignments { edges { SELECTION } } }",
               ("reviewAssignments", "edges", "*"), ("Query.reviewAssignments", "ReviewAssignmentConnection.edges"),
               ("ReviewAssignment",)),
    AccessPath("ReviewAssignmentConnection/count", "ReviewAssignmentConnection", "{ reviewAssignments(first: 1) { SELECTION } }",
               ("reviewAssignments",), ("Query.reviewAssignments",), ("ReviewAssignment",), count_of="ReviewAssignment"),
    AccessPath("AuditEntry/list", "AuditEntry", "{ auditLog(first: 2) { nodes { SELECTION } } }", ("auditLog", "nodes", "*"),
               ("Query.auditLog", "AuditEntryConnection.nodes"), ("AuditEntry",)),
    # node(id:) of an entry: refused without an AuditEntry scope; entries found by id are checked in tests/audit
    AccessPath("AuditEntry/node", "AuditEntry", f'{{ node(id: "{FIRST_ENTRY}") {{ ... on AuditEntry {{ SELECTION }} }} }}',
               ("node",), ("Query.node",), ("AuditEntry",)),
    AccessPath("AuditEntry/nodes", "AuditEntry",
               f'{{ nodes(ids: ["{FIRST_ENTRY}"]) {{ ... on AuditEntry {{ SELECTION }} }} }}',
               ("nodes", "*"), ("Query.nodes",), ("AuditEntry",)),
    AccessPath("AuditEntryEdge/list", "AuditEntryEdge", "{ auditLog(first: 2) { edges { SELECTION } } }", ("auditLog", "edges", "*"),
               ("Query.auditLog", "AuditEntryConnection.edges"), ("AuditEntry",)),
    AccessPath("AuditEntryConnection/count", "AuditEntryConnection", "{ auditLog(first: 1) { SELECTION } }", ("auditLog",),
               ("Query.auditLog",), ("AuditEntry",)),
    AccessPath("PolicyRule/list", "PolicyRule", '{ policyRules(subject: "analyst") { nodes { SELECTION } } }',
               ("policyRules", "nodes", "*"), ("Query.policyRules", "PolicyRuleConnection.nodes"), ("PolicyRule",)),
    AccessPath("PolicyRuleEdge/list", "PolicyRuleEdge", '{ policyRules(subject: "analyst", first: 3) { edges { SELECTION } } }',
               ("policyRules", "edges", "*"), ("Query.policyRules", "PolicyRuleConnection.edges"), ("PolicyRule",)),
    AccessPath("PolicyRuleConnection/count", "PolicyRuleConnection", '{ policyRules(subject: "analyst", first: 1) { SELECTION } }',
               ("policyRules",), ("Query.policyRules",), ("PolicyRule",)),
    AccessPath("PersistedQueryConnection/list", "PersistedQueryConnection", "{ persistedQueries(first: 1) { SELECTION } }",
               ("persistedQueries",), ("Query.persistedQueries",)),
    AccessPath("PersistedQuery/list", "PersistedQuery", "{ persistedQueries { nodes { SELECTION } } }",
               ("persistedQueries", "nodes", "*"), ("Query.persistedQueries", "PersistedQueryConnection.nodes")),
    AccessPath("PersistedQueryEdge/list", "PersistedQueryEdge", "{ persistedQueries { edges { SELECTION } } }",
               ("persistedQueries", "edges", "*"), ("Query.persistedQueries", "PersistedQueryConnection.edges")),
    AccessPath("MetricRow/list", "MetricRow", "{ metrics(groupBy: [TEAM]) { SELECTION } }", ("metrics", "*"),
               ("Query.metrics",), ("Metric",)),
    AccessPath("Agent/metric-row", "Agent", "{ metrics(groupBy: [AGENT], metrics: [CONVERSATIONS]) { agent { SELECTION } } }",
               ("metrics", "*", "agent"), ("Query.metrics", "MetricRow.agent"), ("Metric", "Agent"), expected=_metric_agents),
    AccessPath("Team/metric-row", "Team", "{ metrics(groupBy: [TEAM], metrics: [CONVERSATIONS]) { team { SELECTION } } }",
               ("metrics", "*", "team"), ("Query.metrics", "MetricRow.team"), ("Metric", "Team")),
    AccessPath("MetricValue/nested", "MetricValue", "{ metrics { values { SELECTION } } }", ("metrics", "*", "values", "*"),
               ("Query.metrics", "MetricRow.values"), ("Metric",)),
    AccessPath("MetricDefinition/list", "MetricDefinition", "{ metricCatalogue { SELECTION } }", ("metricCatalogue", "*"),
               ("Query.metricCatalogue",)),
    AccessPath("PeriodComparisonGroup/list", "PeriodComparisonGroup", "{ " + COMPARISON + " { SELECTION } }",
               ("metricPeriodComparison", "*"), ("Query.metricPeriodComparison",), ("Metric",)),
    AccessPath("Agent/period-comparison", "Agent", "{ " + COMPARISON + " { agent { SELECTION } } }",
               ("metricPeriodComparison", "*", "agent"), ("Query.metricPeriodComparison", "PeriodComparisonGroup.agent"),
               ("Metric", "Agent")),
    AccessPath("Agent/fcr-room-entry", "Agent", "{ fcrRoomRanking(minimumConversations: 0) { agent { SELECTION } team { id } } }",
               ("fcrRoomRanking", "*", "agent"), ("Query.fcrRoomRanking", "FcrRoomRankEntry.agent"), ("Metric", "Agent")),
    AccessPath("MetricPeriodDelta/nested", "MetricPeriodDelta", "{ " + COMPARISON + " { deltas { SELECTION } } }",
               ("metricPeriodComparison", "*", "deltas", "*"), ("Query.metricPeriodComparison", "PeriodComparisonGroup.deltas"),
               ("Metric",)),
    AccessPath("SampledValue/nested-delta", "SampledValue", "{ " + COMPARISON + " { deltas { before { SELECTION } } } }",
               ("metricPeriodComparison", "*", "deltas", "*", "before"),
               ("Query.metricPeriodComparison", "PeriodComparisonGroup.deltas", "MetricPeriodDelta.before"), ("Metric",)),
    AccessPath("FactsFreshness/period-comparison", "FactsFreshness", "{ " + COMPARISON + " { freshness { SELECTION } } }",
               ("metricPeriodComparison", "*", "freshness"), ("Query.metricPeriodComparison", "PeriodComparisonGroup.freshness"),
               ("Metric",)),
    AccessPath("PeakGrid/root", "PeakGrid", "{ metricPeaks { SELECTION } }", ("metricPeaks",), ("Query.metricPeaks",), ("Metric",)),
    AccessPath("PeakCell/nested", "PeakCell", "{ metricPeaks { cells { SELECTION } } }", ("metricPeaks", "cells", "*"),
               ("Query.metricPeaks", "PeakGrid.cells"), ("Metric",)),
    AccessPath("FactsFreshness/peak-grid", "FactsFreshness", "{ metricPeaks { freshness { SELECTION } } }",
               ("metricPeaks", "freshness"), ("Query.metricPeaks", "PeakGrid.freshness"), ("Metric",)),
    AccessPath("SteadinessRankEntry/list", "SteadinessRankEntry", "{ steadinessRanking(minimumIntervals: 0) { SELECTION } }",
               ("steadinessRanking", "*"), ("Query.steadinessRanking",), ("Metric",)),
    AccessPath("FactsFreshness/steadiness-entry", "FactsFreshness",
               "{ steadinessRanking(minimumIntervals: 0) { freshness { SELECTION } } }", ("steadinessRanking", "*", "freshness"),
               ("Query.steadinessRanking", "SteadinessRankEntry.freshness"), ("Metric",)),
    AccessPath("FcrRoomRankEntry/list", "FcrRoomRankEntry", "{ fcrRoomRanking(minimumConversations: 0) { SELECTION } }",
               ("fcrRoomRanking", "*"), ("Query.fcrRoomRanking",), ("Metric",)),
    AccessPath("FactsFreshness/fcr-room-entry", "FactsFreshness",
               "{ fcrRoomRanking(minimumConversations: 0) { freshness { SELECTION } } }", ("fcrRoomRanking", "*", "freshness"),
               ("Query.fcrRoomRanking", "FcrRoomRankEntry.freshness"), ("Metric",)),
    AccessPath("KbSupportRanking/root", "KbSupportRanking", "{ kbSupportRanking { SELECTION } }", ("kbSupportRanking",),
               ("Query.kbSupportRanking",), ("Metric",)),
    AccessPath("KbSupportRankEntry/nested", "KbSupportRankEntry",
               "{ kbSupportRanking(minimumSearches: 0, minimumConversations: 0) { entries { SELECTION } } }",
               ("kbSupportRanking", "entries", "*"), ("Query.kbSupportRanking", "KbSupportRanking.entries"), ("Metric",)),
    AccessPath("FactsFreshness/kb-support-ranking", "FactsFreshness", "{ kbSupportRanking { freshness { SELECTION } } }",
               ("kbSupportRanking", "freshness"), ("Query.kbSupportRanking", "KbSupportRanking.freshness"), ("Metric",)),
    AccessPath("TeamReview/list", "TeamReview", "{ teamReviews(first: 100) { nodes { SELECTION } } }", ("teamReviews", "nodes", "*"),
               ("Query.teamReviews", "TeamReviewConnection.nodes"), ("TeamReview",)),
    AccessPath("TeamReview/single", "TeamReview", '{ teamReview(id: "%s") { SELECTION } }' % to_global_id("TeamReview", "review-x"),
               ("teamReview",), ("Query.teamReview",), ("TeamReview",)),
    AccessPath("TeamReviewEdge/list", "TeamReviewEdge", "{ teamReviews(first: 100) { edges { SELECTION } } }",
               ("teamReviews", "edges", "*"), ("Query.teamReviews", "TeamReviewConnection.edges"), ("TeamReview",)),
    AccessPath("TeamReviewConnection/count", "TeamReviewConnection", "{ teamReviews(first: 1) { SELECTION } }",
               ("teamReviews",), ("Query.teamReviews",), ("TeamReview",)),
    AccessPath("PlanEvaluation/list", "PlanEvaluation", "{ coachingEvaluations(first: 100) { nodes { SELECTION } } }",
               ("coachingEvaluations", "nodes", "*"), ("Query.coachingEvaluations", "PlanEvaluationConnection.nodes"),
               ("PlanEvaluation",)),
    AccessPath("PlanEvaluation/single", "PlanEvaluation",
               '{ coachingEvaluation(planId: "%s") { SELECTION } }' % to_global_id("CoachingPlan", "plan-x"),
               ("coachingEvaluation",), ("Query.coachingEvaluation",), ("PlanEvaluation",)),
    AccessPath("PlanEvaluationEdge/list", "PlanEvaluationEdge", "{ coachingEvaluations(first: 100) { edges { SELECTION } } }",
               ("coachingEvaluations", "edges", "*"), ("Query.coachingEvaluations", "PlanEvaluationConnection.edges"),
               ("PlanEvaluation",)),
    AccessPath("PlanEvaluationConnection/count", "PlanEvaluationConnection", "{ coachingEvaluations(first: 1) { SELECTION } }",
               ("coachingEvaluations",), ("Query.coachingEvaluations",), ("PlanEvaluation",)),
    AccessPath("EvaluationVerdictCount/list", "EvaluationVerdictCount", "{ coachingEvaluationSummary { SELECTION } }",
               ("coachingEvaluationSummary", "*"), ("Query.coachingEvaluationSummary",), ("PlanEvaluation",)),
    AccessPath("BeforeAfterComparison/root", "BeforeAfterComparison", "{ " + BEFORE_AFTER + " { SELECTION } }",
               ("metricBeforeAfter",), ("Query.metricBeforeAfter",), ("Metric",)),
    AccessPath("SampleSummary/nested", "SampleSummary", "{ " + BEFORE_AFTER + " { before { SELECTION } } }",
               ("metricBeforeAfter", "before"), ("Query.metricBeforeAfter", "BeforeAfterComparison.before"), ("Metric",)),
    AccessPath("FactsFreshness/before-after", "FactsFreshness", "{ " + BEFORE_AFTER + " { freshness { SELECTION } } }",
               ("metricBeforeAfter", "freshness"), ("Query.metricBeforeAfter", "BeforeAfterComparison.freshness"), ("Metric",)),
    AccessPath("CoachingPlan/list", "CoachingPlan", "{ coachingPlans(first: 100) { nodes { SELECTION } } }",
               ("coachingPlans", "nodes", "*"), ("Query.coachingPlans", "CoachingPlanConnection.nodes"), ("CoachingPlan",), key="id"),
    AccessPath("CoachingPlan/single", "CoachingPlan", '{ coachingPlan(id: "%s") { SELECTION } }' % to_global_id("CoachingPlan", "p-none"),
               ("coachingPlan",), ("Query.coachingPlan",), ("CoachingPlan",), key="id"),
    AccessPath("CoachingPlanEdge/list", "CoachingPlanEdge", "{ coachingPlans(first: 100) { edges { SELECTION } } }",
               ("coachingPlans", "edges", "*"), ("Query.coachingPlans", "CoachingPlanConnection.edges"), ("CoachingPlan",)),
    AccessPath("CoachingPlanConnection/root", "CoachingPlanConnection", "{ coachingPlans(first: 1) { SELECTION } }",
               ("coachingPlans",), ("Query.coachingPlans",), ("CoachingPlan",)),
    AccessPath("CoachingTask/mine", "CoachingTask", "{ myTasks(first: 100) { nodes { SELECTION } } }",
               ("myTasks", "nodes", "*"), ("Query.myTasks", "CoachingTaskConnection.nodes"), ("CoachingPlan",), key="id"),
    AccessPath("CoachingTaskEdge/mine", "CoachingTaskEdge", "{ myTasks(first: 100) { edges { SELECTION } } }",
               ("myTasks", "edges", "*"), ("Query.myTasks", "CoachingTaskConnection.edges"), ("CoachingPlan",)),
    AccessPath("CoachingTaskConnection/mine", "CoachingTaskConnection", "{ myTasks(first: 1) { SELECTION } }",
               ("myTasks",), ("Query.myTasks",), ("CoachingPlan",)),
    AccessPath("TrainingPath/list", "TrainingPath", "{ trainingPaths { SELECTION } }", ("trainingPaths", "*"),
               ("Query.trainingPaths",), key="key"),
    AccessPath("TrainingModule/nested", "TrainingModule", "{ trainingPaths { modules { SELECTION } } }",
               ("trainingPaths", "*", "modules", "*"), ("Query.trainingPaths", "TrainingPath.modules"), key="nameEn"),
    AccessPath("ScriptTemplate/list", "ScriptTemplate", "{ scriptTemplates { SELECTION } }", ("scriptTemplates", "*"),
               ("Query.scriptTemplates",), key="key"),
    AccessPath("CoachingRules/root", "CoachingRules", "{ coachingRules { SELECTION } }", ("coachingRules",), ("Query.coachingRules",)),
)
"""Read paths, run against the shared seeded world."""

ROOT_SCALARS = {
    "Query.policyRevision": ("{ policyRevision }", ("PolicyRule",)),
    "Query.agentDataExport": (f'{{ agentDataExport(agentId: "{to_global_id("Agent", "a1")}") }}', ("AgentExport",)),
}
"""Root fields that return a scalar (an int, a JSON document): the field and the record scope gate them."""
