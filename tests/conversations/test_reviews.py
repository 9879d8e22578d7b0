"""Review assignments make the qa_reviewer scope real: managers assign within their teams, audited."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.audit.models import AuditEntry
from server.authz.identity import Principal
from server.kernel.relay import to_global_id as gid
from server.reviews.keys import assignment_global_id
from server.reviews.models import ReviewAssignment
from tests.authz.world import open_world

REVIEWER = Principal("u-qa2", frozenset({"qa_reviewer"}), frozenset({"t-east"}))
SEE_CV2 = (
    f'{{ conversation(id: "{gid("Conversation", "cv2")}") {{ externalId messages {{ nodes {{ text }} }} customer {{ phone }} }} '
    "reviewAssignments { nodes { id conversationId assignedBy conversation { externalId } } } }"
)
ASSIGN = """mutation ($input: AssignReviewInput!) { assignReview(input: $input) {
  reviewAssignment { id reviewerId conversationId assignedBy } userErrors { field message code }
} }"""
UNASSIGN = """mutation ($input: UnassignReviewInput!) { unassignReview(input: $input) {
  unassignedReviewAssignmentId conversation { externalId } userErrors { field message code }
} }"""
CV2_BY_QA2 = assignment_global_id("u-qa2", "cv2")


async def test_an_assignment_grants_and_its_withdrawal_revokes_the_reviewers_access(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        before = await api.execute(SEE_CV2, principal=REVIEWER)
        assigned = await api.execute(
            ASSIGN, role="manager", request_id="assign-cv2",
            variables={"input": {"reviewerId": "u-qa2", "conversationId": gid("Conversation", "cv2")}},
        )
        during = await api.execute(SEE_CV2, principal=REVIEWER)
        withdrawn = await api.execute(UNASSIGN, role="manager", variables={"input": {"reviewAssignmentId": CV2_BY_QA2}})
        after = await api.execute(SEE_CV2, principal=REVIEWER)
        async with api.sessionmaker() as session:
            grants = (await session.execute(
                select(AuditEntry).where(AuditEntry.action == "access_grant").order_by(AuditEntry.id)
            )).scalars().all()
    finally:
        await engine.dispose()
    assert before.data == {"conversation": None, "reviewAssignments": {"nodes": []}}
    assert assigned.data == {"assignReview": {
        "reviewAssignment": {
            "id": CV2_BY_QA2, "reviewerId": "u-qa2", "conversationId": gid("Conversation", "cv2"), "assignedBy": "u-mgr-east",
        },
        "userErrors": [],
    }}
    assert during.data == {
        "conversation": {
            "externalId": "cv2", "messages": {"nodes": [{"text": "发票怎么开"}, {"text": "请提供单号"}]},
            "customer": {"phone": "139****4321"},
        },
        "reviewAssignments": {"nodes": [{
            "id": CV2_BY_QA2, "conversationId": gid("Conversation", "cv2"), "assignedBy": "u-mgr-east",
            "conversation": {"externalId": "cv2"},
        }]},
    }
    assert withdrawn.data == {"unassignReview": {
        "unassignedReviewAssignmentId": CV2_BY_QA2, "conversation": {"externalId": "cv2"}, "userErrors": [],
    }}
    assert after.data == before.data
    assert [(entry.actor, entry.request_id if entry.request_id == "assign-cv2" else "-", entry.subject_id, json.loads(entry.detail))
            for entry in grants] == [
        ("u-mgr-east", "assign-cv2", "cv2", {"granted": True, "reviewer": "u-qa2"}),
        ("u-mgr-east", "-", "cv2", {"granted": False, "reviewer": "u-qa2"}),
    ]


async def test_a_manager_cannot_assign_another_teams_conversation(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        refused = await api.execute(
            ASSIGN, role="manager", request_id="refused",
            variables={"input": {"reviewerId": "u-qa2", "conversationId": gid("Conversation", "cv6")}},
        )
        async with api.sessionmaker() as session:
            rows = (await session.execute(select(func.count()).select_from(ReviewAssignment))).scalar_one()
            denied = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == "refused"))).scalars().all()
    finally:
        await engine.dispose()
    assert refused.data is None
    assert [(error.message, error.extensions["code"]) for error in refused.errors] == [
        ("conversation cv6 is outside your scope", "FORBIDDEN")
    ]
    assert rows == 1
    assert [(entry.action, entry.object_type, entry.subject_id) for entry in denied] == [("denied", "Mutation.assignReview", "cv6")]


async def test_a_manager_cannot_withdraw_another_teams_assignment(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        refused = await api.execute(
            UNASSIGN, role="manager", request_id="refused",
            variables={"input": {"reviewAssignmentId": assignment_global_id("u-qa", "cv3")}},
        )
        async with api.sessionmaker() as session:
            rows = (await session.execute(select(func.count()).select_from(ReviewAssignment))).scalar_one()
            denied = (await session.execute(select(AuditEntry).where(AuditEntry.request_id == "refused"))).scalars().all()
    finally:
        await engine.dispose()
    assert [(error.message, error.extensions["code"]) for error in refused.errors] == [
        ("conversation cv3 is outside your scope", "FORBIDDEN")
    ]
    assert rows == 1
    assert [(entry.action, entry.object_type, entry.subject_id) for entry in denied] == [("denied", "Mutation.unassignReview", "cv3")]


@pytest.mark.parametrize(
    ("role", "mutation", "given", "error"),
    [
        ("admin", ASSIGN, {"reviewerId": "u-qa2", "conversationId": gid("Conversation", "cv-none")},
         {"field": ["input", "conversationId"], "message": "会话不存在", "code": "NOT_FOUND"}),
        ("manager", ASSIGN, {"reviewerId": " ", "conversationId": gid("Conversation", "cv2")},
         {"field": ["input", "reviewerId"], "message": "质检员标识不能为空", "code": "INVALID"}),
        ("manager", ASSIGN, {"reviewerId": "u-qa2", "conversationId": gid("Agent", "a1")},
         {"field": ["input", "conversationId"], "message": "expected the id of Conversation, got the id of Agent", "code": "INVALID"}),
        ("manager", UNASSIGN, {"reviewAssignmentId": assignment_global_id("u-qa2", "cv2")},
         {"field": ["input", "reviewAssignmentId"], "message": "该会话没有此质检员的质检分配", "code": "NOT_FOUND"}),
        ("manager", UNASSIGN, {"reviewAssignmentId": gid("ReviewAssignment", "cv2")},
         {"field": ["input", "reviewAssignmentId"], "message": f"{gid('ReviewAssignment', 'cv2')!r} is not the id of a review assignment",
          "code": "INVALID"}),
    ],
    ids=["unknown-conversation-for-admin", "blank-reviewer", "wrong-type", "no-such-assignment", "not-an-assignment-key"],
)
async def test_input_problems_are_user_errors_and_change_nothing(
    database_url: str, tmp_path: Path, role: str, mutation: str, given: dict[str, str], error: dict[str, object]
) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        result = await api.execute(mutation, role=role, variables={"input": given})
        async with api.sessionmaker() as session:
            rows = (await session.execute(select(func.count()).select_from(ReviewAssignment))).scalar_one()
    finally:
        await engine.dispose()
    assert result.errors is None
    [payload] = result.data.values()
    assert payload["userErrors"] == [error]
    assert rows == 1


async def test_an_unknown_conversation_is_forbidden_not_missing_for_a_manager(database_url: str, tmp_path: Path) -> None:
    """Outside an unrestricted scope, NOT_FOUND would tell a conversation outside it exists."""
    engine, api = await open_world(database_url, tmp_path)
    try:
        result = await api.execute(
            ASSIGN, role="manager", variables={"input": {"reviewerId": "u-qa2", "conversationId": gid("Conversation", "cv-none")}}
        )
    finally:
        await engine.dispose()
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [
        ("conversation cv-none is outside your scope", "FORBIDDEN")
    ]
