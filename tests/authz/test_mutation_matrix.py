"""Every role × every mutation: allowed exactly when the policy files say so, and a refusal changes nothing."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type
from sqlalchemy import func, select

from server.alerts.models import Alert, AlertRule
from server.authz.authorization import FieldAccess
from server.authz.models import PolicyRevision
from server.coaching.models import CoachingPlan, CoachingRuleVersion
from server.db import transaction
from server.goals.models import Goal, GoalCheck
from server.evaluation.models import TeamReview, TeamReviewSchedule
from server.ingestion.models import StoredEvent
from server.kernel.relay import to_global_id
from server.notifications.models import Notification, WebhookDelivery, WebhookEndpoint
from server.people.models import DirectoryUser, NotificationPreference
from server.people.records import UserRecord
from server.people.repository import DirectoryRepository
from server.persisted.models import PersistedQuery
from server.persisted.service import document_hash, new_row
from server.retention.models import CustomerErasure
from server.reviews.keys import assignment_global_id
from server.quality.models import (
    QaCalibrationSession, QaDispute, QaFinding, QaRescoreJob, QaReview, QaRuleSet, QaSamplingPlan, QaSamplingRun, QaScorecard,
)
from server.reviews.models import ReviewAssignment
from tests.authz.matrix import EXPECTED, GRAPHQL_TYPES, field_access, visible_conversations
from tests.authz.test_matrix import locate
from tests.authz.world import PRINCIPALS, ROLES, Api, goal_row, open_world
from tests.conftest import BACKENDS, StorageTemplates


def full_selection(type_name: str, depth: int) -> str:
    """Every field; object fields expanded ``depth`` levels deep, then only ``__typename``."""
    parts = []
    for name, definition in GRAPHQL_TYPES[type_name].fields.items():
        named = get_named_type(definition.type)
        if isinstance(named, GraphQLObjectType):
            inner = full_selection(named.name, depth - 1) if depth > 0 else "__typename"
            parts.append(f"{name} {{ {inner} }}")
        else:
            parts.append(name)
    return " ".join(parts)


async def _count(api: Api, statement: Any) -> int:
    async with api.sessionmaker() as session:
        return (await session.execute(statement)).scalar_one()


def _write_scopes(role: str, record: str) -> frozenset[str]:
    return EXPECTED.scopes([role], record, "write")


@dataclass(frozen=True)
class MutationPath:
    name: str
    target: str
    query: str
    variables: Callable[[str], dict]
    locate: tuple[str, ...]
    gates: tuple[str, ...]
    allowed: Callable[[str], bool]
    effect: Callable[[Api, str], Awaitable[int]]
    """An observable count that grows by ``delta`` when the mutation is allowed, and is unchanged otherwise."""
    delta: int
    also: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Further (type, location) pairs of the result to check field by field."""


def _gate(obj: str) -> Callable[[str], bool]:
    return lambda role: field_access(role, obj) is FieldAccess.FULL


def _review_allowed(conversation: str) -> Callable[[str], bool]:
    return lambda role: _gate("Mutation.assignReview")(role) and conversation in visible_conversations(role, _write_scopes(role, "ReviewAssignment"))


async def _stored(api: Api, role: str) -> int:
    return await _count(api, select(func.count()).select_from(StoredEvent).where(StoredEvent.id == f"m-{role}"))


async def _revision(api: Api, _role: str) -> int:
    """The policy revision (grows once per stored change, whoever made it)."""
    return await _count(api, select(PolicyRevision.revision))


async def _reviews_of(reviewer: str, conversation: str, api: Api) -> int:
    statement = select(func.count()).select_from(ReviewAssignment).where(
        ReviewAssignment.reviewer_id == reviewer, ReviewAssignment.conversation_id == conversation
    )
    return await _count(api, statement)


def _persisted(document: Callable[[str], str]) -> Callable[[Api, str], Awaitable[int]]:
    """How many stored documents have the hash of the role's ``document`` (0 or 1)."""
    return lambda api, role: _count(
        api, select(func.count()).select_from(PersistedQuery).where(PersistedQuery.sha256_hash == document_hash(document(role)))
    )


def _registered_document(role: str) -> str:
    return f"query Registered_{role} {{ __typename }}"


def _deleted_document(role: str) -> str:
    return f"query Deleted_{role} {{ __typename }}"


MUTATION_PATHS: tuple[MutationPath, ...] = (
    MutationPath(
        "registerPersistedQuery", "RegisterPersistedQueryPayload",
        "mutation ($document: String!) { registerPersistedQuery(input: {document: $document}) { "
        + full_selection("RegisterPersistedQueryPayload", 1) + " } }",
        lambda role: {"document": _registered_document(role)},
        ("registerPersistedQuery",), ("Mutation.registerPersistedQuery",), _gate("Mutation.registerPersistedQuery"),
        _persisted(_registered_document), 1,
        also=(("PersistedQuery", ("registerPersistedQuery", "persistedQuery")),),
    ),
    MutationPath(
        "registerPersistedQuery/refused", "RegisterPersistedQueryPayload",
        "mutation ($document: String!) { registerPersistedQuery(input: {document: $document}) { "
        + full_selection("RegisterPersistedQueryPayload", 1) + " } }",
        lambda role: {"document": f"query Broken_{role} {{"},
        ("registerPersistedQuery",), ("Mutation.registerPersistedQuery",), _gate("Mutation.registerPersistedQuery"),
        _persisted(lambda role: f"query Broken_{role} {{"), 0,
        also=(("UserError", ("registerPersistedQuery", "userErrors", "*")),),
    ),
    MutationPath(
        "deletePersistedQuery", "DeletePersistedQueryPayload",
        "mutation ($id: ID!) { deletePersistedQuery(input: {id: $id}) { "
        + full_selection("DeletePersistedQueryPayload", 1) + " } }",
        lambda role: {"id": to_global_id("PersistedQuery", document_hash(_deleted_document(role)))},
        ("deletePersistedQuery",), ("Mutation.deletePersistedQuery",), _gate("Mutation.deletePersistedQuery"),
        _persisted(_deleted_document), -1,
    ),
    MutationPath(
        "ingestEvents", "IngestEventsPayload",
        "mutation ($input: IngestEventsInput!) { ingestEvents(input: $input) { " + full_selection("IngestEventsPayload", 3) + " } }",
        lambda role: {"input": {"events": [
            {"id": f"m-{role}", "type": "agent.status_changed", "ts": "2026-03-04T09:00:00+08:00", "agent_id": "a1", "status": "online"},
            {"id": f"bad-{role}", "type": "agent.status_changed", "ts": "2026-03-04T09:00:00+08:00", "status": "online"},
        ]}},
        ("ingestEvents",), ("Mutation.ingestEvents",), _gate("Mutation.ingestEvents"), _stored, 1,
        also=(("IngestResult", ("ingestEvents", "result")), ("IngestEventResult", ("ingestEvents", "result", "results", "*")),
              ("IngestError", ("ingestEvents", "result", "results", "*", "errors", "*"))),
    ),
    MutationPath(
        "grantPolicy", "GrantPolicyPayload",
        "mutation ($input: GrantPolicyInput!) { grantPolicy(input: $input) { " + full_selection("GrantPolicyPayload", 2) + " } }",
        lambda role: {"input": {"rule": {"subject": f"custom_{role}", "object": "Agent", "action": "READ", "scope": "OWN"}}},
        ("grantPolicy",), ("Mutation.grantPolicy",), _gate("Mutation.grantPolicy"), _revision, 1,
        also=(("PolicyChange", ("grantPolicy", "change")), ("PolicyRule", ("grantPolicy", "change", "rule")),
              ("UserError", ("grantPolicy", "userErrors", "*"))),
    ),
    MutationPath(
        "revokePolicy", "RevokePolicyPayload",
        "mutation ($input: RevokePolicyInput!) { revokePolicy(input: $input) { " + full_selection("RevokePolicyPayload", 1) + " } }",
        lambda role: {"input": {"rule": {"subject": "agent", "object": "Agent.hireDate", "action": "READ", "scope": "FULL"}}},
        ("revokePolicy",), ("Mutation.revokePolicy",), _gate("Mutation.revokePolicy"), _revision, 1,
    ),
    MutationPath(
        "assignReview", "AssignReviewPayload",
        "mutation ($input: AssignReviewInput!) { assignReview(input: $input) { " + full_selection("AssignReviewPayload", 1) + " } }",
        lambda role: {"input": {"reviewerId": f"u-qa2-{role}", "conversationId": to_global_id("Conversation", "cv1")}},
        ("assignReview",), ("Mutation.assignReview",), _review_allowed("cv1"),
        lambda api, role: _reviews_of(f"u-qa2-{role}", "cv1", api), 1,
        also=(("ReviewAssignment", ("assignReview", "reviewAssignment")), ("UserError", ("assignReview", "userErrors", "*"))),
    ),
    MutationPath(
        "eraseCustomer", "EraseCustomerPayload",
        "mutation ($input: EraseCustomerInput!) { eraseCustomer(input: $input) { " + full_selection("EraseCustomerPayload", 1) + " } }",
        lambda role: {"input": {"customerId": to_global_id("Customer", "c2")}}, ("eraseCustomer",), ("Mutation.eraseCustomer",),
        lambda role: _gate("Mutation.eraseCustomer")(role) and bool(EXPECTED.scopes([role], "Customer", "erase")),
        lambda api, _role: _count(api, select(func.count()).select_from(CustomerErasure).where(CustomerErasure.customer_id == "c2")), 1,
        also=(("CustomerErasure", ("eraseCustomer", "erasure")),),
    ),
    MutationPath(
        "unassignReview", "UnassignReviewPayload",
        "mutation ($input: UnassignReviewInput!) { unassignReview(input: $input) { "
        + full_selection("UnassignReviewPayload", 1) + " } }",
        lambda role: {"input": {"reviewAssignmentId": assignment_global_id(f"u-qa-{role}", "cv3")}},
        ("unassignReview",), ("Mutation.unassignReview",), _review_allowed("cv3"),
        lambda api, role: _reviews_of(f"u-qa-{role}", "cv3", api), -1,
        also=(("Conversation", ("unassignReview", "conversation")),),
    ),
)


def _gid(type_name: str, key: str) -> str:
    return to_global_id(type_name, key)


def _payload(name: str, target: str, input_type: str, variables: Callable[[str], dict], record: str | None,
             effect: Callable[[Api, str], Awaitable[int]], delta: int = 1,
             also: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> MutationPath:
    """A mutation taking one ``input`` and returning ``target`` (a payload), allowed by its field and ``record``'s write scope."""
    gate = f"Mutation.{name}"
    return MutationPath(
        name, target, f"mutation ($input: {input_type}!) {{ {name}(input: $input) {{ {full_selection(target, 1)} }} }}",
        lambda role: {"input": variables(role)}, (name,), (gate,),
        lambda role: _gate(gate)(role) and (record is None or bool(_write_scopes(role, record))),
        effect, delta, also=also,
    )


async def _users(api: Api, *conditions: Any) -> int:
    return await _count(api, select(func.count()).select_from(DirectoryUser).where(*conditions))


async def _endpoints(api: Api, *conditions: Any) -> int:
    return await _count(api, select(func.count()).select_from(WebhookEndpoint).where(*conditions))


PEOPLE_PATHS: tuple[MutationPath, ...] = (
    _payload("createUser", "CreateUserPayload", "CreateUserInput",
             lambda role: {"externalId": f"u-new-{role}", "displayName": "新人", "roles": ["agent"]}, "User",
             lambda api, role: _users(api, DirectoryUser.user_id == f"u-new-{role}"),
             also=(("User", ("createUser", "user")), ("UserError", ("createUser", "userErrors", "*")))),
    _payload("updateUser", "UpdateUserPayload", "UpdateUserInput",
             lambda role: {"id": _gid("User", "a3"), "displayName": f"改-{role}"}, "User",
             lambda api, role: _users(api, DirectoryUser.user_id == "a3", DirectoryUser.display_name == f"改-{role}")),
    _payload("deactivateUser", "DeactivateUserPayload", "DeactivateUserInput",
             lambda role: {"id": _gid("User", f"u-del-{role}")}, "User",
             lambda api, role: _users(api, DirectoryUser.user_id == f"u-del-{role}", DirectoryUser.active.is_(False))),
    _payload("markNotificationsRead", "MarkNotificationsReadPayload", "MarkNotificationsReadInput",
             lambda role: {"all": True}, None,
             lambda api, role: _count(api, select(func.count()).select_from(Notification).where(
                 Notification.user_id == PRINCIPALS[role].subject, Notification.read_at_us.is_not(None)))),
    _payload("updateNotificationPreferences", "UpdateNotificationPreferencesPayload", "UpdateNotificationPreferencesInput",
             lambda role: {"preferences": [{"kind": "qa.finding", "webhook": False}]}, None,
             lambda api, role: _count(api, select(func.count()).select_from(NotificationPreference).where(
                 NotificationPreference.user_id == PRINCIPALS[role].subject)),
             also=(("NotificationPreference", ("updateNotificationPreferences", "preferences", "*")),)),
    _payload("createWebhook", "CreateWebhookPayload", "CreateWebhookInput",
             lambda role: {"url": f"https://hooks.example.com/{role}", "kinds": ["goal.drifted"]}, "Webhook",
             lambda api, role: _endpoints(api, WebhookEndpoint.url == f"https://hooks.example.com/{role}"),
             also=(("Webhook", ("createWebhook", "webhook")),)),
    _payload("updateWebhook", "UpdateWebhookPayload", "UpdateWebhookInput",
             lambda role: {"id": _gid("Webhook", f"w-{role}"), "description": f"d-{role}"}, "Webhook",
             lambda api, role: _endpoints(api, WebhookEndpoint.description == f"d-{role}")),
    _payload("deleteWebhook", "DeleteWebhookPayload", "DeleteWebhookInput",
             lambda role: {"id": _gid("Webhook", f"wd-{role}")}, "Webhook",
             lambda api, role: _endpoints(api, WebhookEndpoint.webhook_id == f"wd-{role}", WebhookEndpoint.deleted.is_(True))),
    _payload("retryWebhookDelivery", "RetryWebhookDeliveryPayload", "RetryWebhookDeliveryInput",
             lambda role: {"id": _gid("WebhookDelivery", f"d-{role}")}, "WebhookDelivery",
             lambda api, role: _count(api, select(func.count()).select_from(WebhookDelivery).where(
                 WebhookDelivery.delivery_id == f"d-{role}", WebhookDelivery.status == "pending")),
             also=(("WebhookDelivery", ("retryWebhookDelivery", "delivery")),)),
)


async def _coaching_plans(api: Api, _role: str) -> int:
    return await _count(api, select(func.count()).select_from(CoachingPlan))


async def _rule_versions(api: Api, _role: str) -> int:
    return await _count(api, select(func.count()).select_from(CoachingRuleVersion))


COACHING_RULE = {"id": "r1", "name_zh": "规则", "name_en": "Rule", "condition": {"type": "behind_consecutive", "checks": 2},
                 "actions": [{"type": "suggest_staffing"}]}
COACHING_PATHS: tuple[MutationPath, ...] = (
    _payload("assignCoachingPlan", "AssignCoachingPlanPayload", "AssignCoachingPlanInput",
             lambda role: {"agentId": _gid("Agent", "a-none"), "metricKey": "fcr_rate", "title": "t", "evaluationDate": "2099-01-01", "tasks": []},
             "CoachingPlan", _coaching_plans, 0, also=(("UserError", ("assignCoachingPlan", "userErrors", "*")),)),
    _payload("updateCoachingPlan", "UpdateCoachingPlanPayload", "UpdateCoachingPlanInput",
             lambda role: {"id": _gid("CoachingPlan", "p-none"), "title": "t"}, "CoachingPlan", _coaching_plans, 0),
    _payload("cancelCoachingPlan", "CancelCoachingPlanPayload", "CancelCoachingPlanInput",
             lambda role: {"id": _gid("CoachingPlan", "p-none")}, "CoachingPlan", _coaching_plans, 0),
    _payload("acknowledgeTask", "AcknowledgeTaskPayload", "AcknowledgeTaskInput",
             lambda role: {"id": _gid("CoachingTask", "t-none")}, "CoachingTask", _coaching_plans, 0),
    _payload("completeTask", "CompleteTaskPayload", "CompleteTaskInput",
             lambda role: {"id": _gid("CoachingTask", "t-none"), "evidence": "done"}, "CoachingTask", _coaching_plans, 0),
    _payload("verifyTask", "VerifyTaskPayload", "VerifyTaskInput",
             lambda role: {"id": _gid("CoachingTask", "t-none")}, "CoachingTask", _coaching_plans, 0),
    _payload("reopenTask", "ReopenTaskPayload", "ReopenTaskInput",
             lambda role: {"id": _gid("CoachingTask", "t-none")}, "CoachingTask", _coaching_plans, 0),
    _payload("setCoachingRules", "SetCoachingRulesPayload", "SetCoachingRulesInput",
             lambda role: {"rules": [COACHING_RULE]}, "CoachingRules", _rule_versions, 1,
             also=(("CoachingRules", ("setCoachingRules", "coachingRules")),)),
)
MUTATION_PATHS = MUTATION_PATHS + PEOPLE_PATHS + COACHING_PATHS


async def _goals(api: Api, *conditions: Any) -> int:
    return await _count(api, select(func.count()).select_from(Goal).where(*conditions))


GOAL_PATHS: tuple[MutationPath, ...] = (
    _payload("createGoal", "CreateGoalPayload", "CreateGoalInput",
             lambda role: {"name": f"新目标-{role}", "metricKey": "handle_avg_s", "targetKind": "ABSOLUTE", "target": 300.0,
                           "scopeKind": "TEAM", "teamId": _gid("Team", "t-east"), "startDate": "2026-03-04", "endDate": "2026-03-31"},
             "Goal", lambda api, role: _goals(api, Goal.name == f"新目标-{role}"),
             also=(("Goal", ("createGoal", "goal")),)),
    _payload("updateGoal", "UpdateGoalPayload", "UpdateGoalInput",
             lambda role: {"id": _gid("Goal", f"g-up-{role}"), "tolerance": 3.0}, "Goal",
             lambda api, role: _goals(api, Goal.goal_id == f"g-up-{role}", Goal.tolerance == 3.0)),
    _payload("cancelGoal", "CancelGoalPayload", "CancelGoalInput",
             lambda role: {"id": _gid("Goal", f"g-cancel-{role}")}, "Goal",
             lambda api, role: _goals(api, Goal.goal_id == f"g-cancel-{role}", Goal.status == "cancelled")),
    _payload("checkGoalNow", "CheckGoalNowPayload", "CheckGoalNowInput",
             lambda role: {"id": _gid("Goal", f"g-check-{role}")}, "Goal",
             lambda api, role: _count(api, select(func.count()).select_from(GoalCheck).where(GoalCheck.goal_id == f"g-check-{role}")),
             also=(("GoalCheck", ("checkGoalNow", "check")),)),
)
MUTATION_PATHS = MUTATION_PATHS + GOAL_PATHS
def _all_teams_writer(record: str, gate: str) -> Callable[[str], bool]:
    return lambda role: _gate(gate)(role) and "all" in _write_scopes(role, record)


def _reviews_of_west(api: Api, _role: str) -> Awaitable[int]:
    return _count(api, select(func.count()).select_from(TeamReview).where(TeamReview.team_id == "t-west"))


def _schedules_of_west(api: Api, _role: str) -> Awaitable[int]:
    return _count(api, select(func.count()).select_from(TeamReviewSchedule).where(TeamReviewSchedule.team_id == "t-west"))


WEST = {"teamId": to_global_id("Team", "t-west")}
"""Every role asks for t-west, a team no principal leads: only a writer of all teams may (managers lead t-east,
and their own team's review is tested in tests/evaluation; its notification would reach the other roles' inboxes)."""
EVALUATION_PATHS: tuple[MutationPath, ...] = (
    MutationPath(
        "runTeamReviewNow", "RunTeamReviewNowPayload",
        "mutation ($input: RunTeamReviewNowInput!) { runTeamReviewNow(input: $input) { "
        + full_selection("RunTeamReviewNowPayload", 1) + " } }",
        lambda role: {"input": WEST}, ("runTeamReviewNow",), ("Mutation.runTeamReviewNow",),
        _all_teams_writer("TeamReview", "Mutation.runTeamReviewNow"), _reviews_of_west, 1,
        also=(("TeamReview", ("runTeamReviewNow", "review")),),
    ),
    MutationPath(
        "setTeamReviewSchedule", "SetTeamReviewSchedulePayload",
        "mutation ($input: SetTeamReviewScheduleInput!) { setTeamReviewSchedule(input: $input) { "
        + full_selection("SetTeamReviewSchedulePayload", 1) + " } }",
        lambda role: {"input": {**WEST, "intervalDays": 14}}, ("setTeamReviewSchedule",), ("Mutation.setTeamReviewSchedule",),
        _all_teams_writer("TeamReview", "Mutation.setTeamReviewSchedule"), _schedules_of_west, 1,
        also=(("TeamReviewSchedule", ("setTeamReviewSchedule", "schedule")),),
    ),
)
MUTATION_PATHS = MUTATION_PATHS + EVALUATION_PATHS


async def _rules(api: Api, *conditions: Any) -> int:
    return await _count(api, select(func.count()).select_from(AlertRule).where(*conditions))


async def _alerts(api: Api, *conditions: Any) -> int:
    return await _count(api, select(func.count()).select_from(Alert).where(*conditions))


EAST_RULE = {"nameZh": "华东", "source": "METRIC", "metric": "handled", "scopeKind": "TEAM", "scopeId": "t-east",
             "window": "MINUTES_60", "comparator": "ABOVE", "severity": "INFO", "threshold": 5}
ALERT_PATHS: tuple[MutationPath, ...] = (
    _payload("createAlertRule", "CreateAlertRulePayload", "CreateAlertRuleInput",
             lambda role: EAST_RULE | {"name": f"rule-{role}"}, "AlertRule",
             lambda api, role: _rules(api, AlertRule.name == f"rule-{role}"),
             also=(("AlertRule", ("createAlertRule", "rule")), ("UserError", ("createAlertRule", "userErrors", "*")))),
    _payload("updateAlertRule", "UpdateAlertRulePayload", "UpdateAlertRuleInput",
             lambda role: {"id": _gid("AlertRule", f"ru-{role}"), "threshold": 7}, "AlertRule",
             lambda api, role: _rules(api, AlertRule.rule_id == f"ru-{role}", AlertRule.threshold == 7.0)),
    _payload("deleteAlertRule", "DeleteAlertRulePayload", "DeleteAlertRuleInput",
             lambda role: {"id": _gid("AlertRule", f"rd-{role}")}, "AlertRule",
             lambda api, role: _rules(api, AlertRule.rule_id == f"rd-{role}", AlertRule.deleted.is_(True))),
    _payload("acknowledgeAlert", "AcknowledgeAlertPayload", "AcknowledgeAlertInput",
             lambda role: {"id": _gid("Alert", f"ack-{role}"), "note": "收到"}, "Alert",
             lambda api, role: _alerts(api, Alert.alert_id == f"ack-{role}", Alert.state == "acknowledged"),
             also=(("Alert", ("acknowledgeAlert", "alert")),)),
    _payload("resolveAlert", "ResolveAlertPayload", "ResolveAlertInput",
             lambda role: {"id": _gid("Alert", f"res-{role}")}, "Alert",
             lambda api, role: _alerts(api, Alert.alert_id == f"res-{role}", Alert.state == "resolved")),
)
MUTATION_PATHS = MUTATION_PATHS + ALERT_PATHS


def seed_alert_mutations(session: Any) -> None:
    """Per role: a t-east rule to change and one to delete; an open alert on agent a1 to acknowledge and one to resolve."""
    for role in ROLES:
        for rule_id in (f"ru-{role}", f"rd-{role}"):
            session.add(AlertRule(rule_id=rule_id, name=rule_id, name_zh=rule_id, source="metric", metric_key="handled",
                                  scope_kind="team", scope_id="t-east", team_id="t-east", window="60m", comparator="above",
                                  threshold=5.0, severity="info", created_at_us=0, updated_at_us=0))
        for alert_id in (f"ack-{role}", f"res-{role}"):
            session.add(Alert(alert_id=alert_id, rule_id=f"rule-of-{alert_id}", scope_kind="agent", scope_id="a1", team_id="t-east",
                              agent_id="a1", window_start_us=0, window_end_us=1, state="open", severity="info", sample_size=1,
                              last_window_end_us=1, raised_at_us=0, updated_at_us=0, notes="[]"))


async def seed_people_mutations(session: Any) -> None:
    """Per role: a user to deactivate, webhooks to change and delete, a parked delivery to retry."""
    for role in ROLES:
        await DirectoryRepository(session).save(UserRecord(f"u-del-{role}", "待停用"), None)
        for webhook_id in (f"w-{role}", f"wd-{role}"):
            session.add(WebhookEndpoint(webhook_id=webhook_id, url="https://hooks.example.com/x", kinds='["goal.drifted"]',
                                        created_at_us=0, updated_at_us=0))
        session.add(WebhookDelivery(delivery_id=f"d-{role}", outbox_id="o-world", webhook_id=f"w-{role}", user_id="u-admin",
                                    status="parked", attempts=8, not_before_us=0, created_at_us=0))


def _check_fields(result: Any, type_name: str, steps: tuple[str, ...], role: str, errors: dict) -> set[tuple]:
    expected_errors = set()
    for prefix, item in locate(result.data, steps):
        for name in GRAPHQL_TYPES[type_name].fields:
            obj = f"{type_name}.{name}"
            if field_access(role, obj) is FieldAccess.DENIED:
                assert (item[name], errors.get((*prefix, name))) == (None, "FORBIDDEN"), obj
                expected_errors.add((*prefix, name))
            else:
                assert errors.get((*prefix, name)) is None, obj
    return expected_errors


@pytest.fixture(scope="module", params=BACKENDS)
async def mutable_world(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Api]:
    """A seeded world of its own per backend; each role's mutations touch only rows named after the role."""
    engine, api = await open_world(storage_templates.fresh(request.param), tmp_path_factory.mktemp("mutations"))
    async with transaction(api.sessionmaker) as session:
        for role in ROLES:
            session.add(ReviewAssignment(reviewer_id=f"u-qa-{role}", conversation_id="cv3", assigned_by="u-admin", assigned_at_us=0))
            session.add(new_row(_deleted_document(role), allow_listed=True, registered_by="u-admin"))
        await seed_people_mutations(session)
        for role in ROLES:
            for purpose in ("up", "cancel", "check"):
                session.add(goal_row(f"g-{purpose}-{role}", "team", "t-east", None))
        seed_alert_mutations(session)
    yield api
    await engine.dispose()


@pytest.mark.parametrize("role", ROLES)
async def test_mutation_matrix(mutable_world: Api, role: str) -> None:
    api = mutable_world
    for path in MUTATION_PATHS:
        before = await path.effect(api, role)
        result = await api.execute(path.query, principal=PRINCIPALS[role], variables=path.variables(role))
        after = await path.effect(api, role)
        errors = {tuple(error.path or ()): error.extensions["code"] for error in result.errors or []}
        assert set(errors.values()) <= {"FORBIDDEN"}, (path.name, result.errors)
        if not path.allowed(role):
            assert (result.data, after - before) == (None, 0), path.name
            assert errors, path.name
            continue
        assert after - before == path.delta, path.name
        expected_errors = set()
        if path.locate:
            expected_errors |= _check_fields(result, path.target, path.locate, role, errors)
        for type_name, steps in path.also:
            expected_errors |= _check_fields(result, type_name, steps, role, errors)
        assert set(errors) == expected_errors, path.name


async def _quality_rows(api: Api, _role: str) -> int:
    """Every quality record a refused or mistaken change could have written."""
    total = 0
    for model in (QaRuleSet, QaScorecard, QaReview, QaFinding, QaDispute, QaSamplingPlan, QaSamplingRun, QaCalibrationSession, QaRescoreJob):
        total += await _count(api, select(func.count()).select_from(model))
    return total


def _qa(name: str, target: str, input_type: str, variables: Callable[[str], dict], record: str,
        also: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> MutationPath:
    """A quality mutation given input it must refuse with a user error (nothing written), for every role it admits."""
    return _payload(name, target, input_type, variables, record, _quality_rows, 0,
                    also=(("UserError", (name, "userErrors", "*")), *also))


QUALITY_PATHS: tuple[MutationPath, ...] = (
    _qa("setQaRules", "SetQaRulesPayload", "SetQaRulesInput", lambda role: {"source": "rules: ["}, "QaRules"),
    _qa("createScorecard", "ScorecardPayload", "ScorecardInput",
        lambda role: {"scorecardId": f"s-{role}", "definition": {"dimensions": []}}, "QaScorecard"),
    _qa("updateScorecard", "ScorecardPayload", "ScorecardInput",
        lambda role: {"scorecardId": "s-none", "definition": {"dimensions": []}}, "QaScorecard"),
    _qa("overrideFinding", "OverrideFindingPayload", "OverrideFindingInput",
        lambda role: {"findingId": _gid("QaFinding", "f-none"), "verdict": "ACCEPTED", "reason": "r"}, "QaReview"),
    _qa("disputeQaReview", "DisputeQaReviewPayload", "DisputeQaReviewInput",
        lambda role: {"qaReviewId": _gid("QaReview", "q-none"), "reason": "r"}, "QaDispute"),
    _qa("resolveDispute", "ResolveDisputePayload", "ResolveDisputeInput",
        lambda role: {"disputeId": _gid("QaDispute", "d-none"), "outcome": "UPHELD", "resolution": "r"}, "QaDispute"),
    _qa("createSamplingPlan", "CreateSamplingPlanPayload", "CreateSamplingPlanInput",
        lambda role: {"name": "", "perAgentWeek": -1}, "QaSampling"),
    _qa("runSampling", "RunSamplingPayload", "RunSamplingInput",
        lambda role: {"planId": _gid("QaSamplingPlan", "sp-none"), "periodStart": "2026-03-01T00:00:00+08:00",
                      "periodEnd": "2026-03-08T00:00:00+08:00", "seed": 1, "reviewerIds": ["u-qa"]}, "QaSampling",
        also=(("QaSamplingRun", ("runSampling", "samplingRun")), ("QaCoverage", ("runSampling", "samplingRun", "coverage")),
              ("QaSampledConversation", ("runSampling", "samplingRun", "conversations", "*")))),
    _qa("createCalibrationSession", "CreateCalibrationSessionPayload", "CreateCalibrationSessionInput",
        lambda role: {"name": "c", "conversationIds": [], "reviewerIds": []}, "QaCalibration"),
    _qa("rescoreConversations", "RescoreConversationsPayload", "RescoreConversationsInput",
        lambda role: {"periodStart": "2026-03-08T00:00:00+08:00", "periodEnd": "2026-03-01T00:00:00+08:00"}, "QaRules",
        also=(("QaRescoreJob", ("rescoreConversations", "rescoreJob")),)),
    _qa("submitQaReview", "SubmitQaReviewPayload", "SubmitQaReviewInput",
        # the reviewer's own assignment (cv3), with an item no scorecard has: refused as input, nothing written
        lambda role: {"conversationId": _gid("Conversation", "cv3"), "items": [{"key": "no-such-item", "value": 1}]}, "QaReview"),
)
MUTATION_PATHS = MUTATION_PATHS + QUALITY_PATHS
