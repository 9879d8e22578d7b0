"""Review assignments make the qa_reviewer scope real: managers assign within their teams, audited."""

import json
from pathlib import Path

from sqlalchemy import func, select

from server.audit.models import AuditEntry
from server.authz.identity import Principal
from server.reviews.models import ReviewAssignment
from tests.authz.world import open_world

REVIEWER = Principal("u-qa2", frozenset({"qa_reviewer"}), frozenset({"t-east"}))
SEE_CV2 = '{ conversation(id: "cv2") { id messages { text } customer { phone } } reviewAssignments { conversationId assignedBy } }'


async def test_an_assignment_grants_and_its_withdrawal_revokes_the_reviewers_access(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        before = await api.execute(SEE_CV2, principal=REVIEWER)
        assigned = await api.execute(
            'mutation { assignReview(reviewerId: "u-qa2", conversationId: "cv2") { reviewerId conversationId assignedBy } }',
            role="manager", request_id="assign-cv2",
        )
        during = await api.execute(SEE_CV2, principal=REVIEWER)
        withdrawn = await api.execute('mutation { unassignReview(reviewerId: "u-qa2", conversationId: "cv2") }', role="manager")
        after = await api.execute(SEE_CV2, principal=REVIEWER)
        async with api.sessionmaker() as session:
            grants = (await session.execute(
                select(AuditEntry).where(AuditEntry.action == "access_grant").order_by(AuditEntry.id)
            )).scalars().all()
    finally:
        await engine.dispose()
    assert before.data == {"conversation": None, "reviewAssignments": []}
    assert assigned.data == {"assignReview": {"reviewerId": "u-qa2", "conversationId": "cv2", "assignedBy": "u-mgr-east"}}
    assert during.data == {
        "conversation": {"id": "cv2", "messages": [{"text": "发票怎么开"}, {"text": "请提供单号"}], "customer": {"phone": "139****4321"}},
        "reviewAssignments": [{"conversationId": "cv2", "assignedBy": "u-mgr-east"}],
    }
    assert withdrawn.data == {"unassignReview": True}
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
            'mutation { assignReview(reviewerId: "u-qa2", conversationId: "cv6") { reviewerId } }', role="manager", request_id="refused"
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
