"""Calibration sessions (校准): the same conversations scored by several reviewers, and how well they agree.

The reviewers are assigned the session's conversations (so they may read them) and score
them with ``submitQaReview`` naming the session; those scores are never final. Agreement is
computed when read, from each reviewer's latest calibration score per conversation:
interval alpha and ICC on the total score and per dimension, nominal alpha on pass/fail,
and each reviewer's bias against the others (``server.quality.agreement``).
"""

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.quality.agreement import Icc, alpha, icc, reviewer_bias
from server.quality.models import QaCalibrationSession, QaReview
from server.quality.scorecard import score, values_from_json
from server.quality.scoring import CALIBRATION, new_id
from server.quality.versions import ScorecardVersion, scorecard_version
from server.reviews.models import ReviewAssignment


@dataclass(frozen=True)
class DimensionAgreement:
    key: str
    alpha_interval: float | None
    icc: Icc | None


@dataclass(frozen=True)
class Agreement:
    reviewers: tuple[str, ...]
    conversations: tuple[str, ...]
    scores: tuple[tuple[float | None, ...], ...]
    alpha_interval: float | None
    alpha_nominal: float | None
    icc: Icc | None
    dimensions: tuple[DimensionAgreement, ...]
    bias: tuple[float | None, ...]


async def create_session(
    session: AsyncSession, name: str, conversation_ids: list[str], reviewer_ids: list[str], card: ScorecardVersion,
    *, by: str, now_us: int,
) -> QaCalibrationSession:
    """Store the session and assign every conversation to every reviewer (existing assignments kept)."""
    row = QaCalibrationSession(
        calibration_id=new_id(), name=name, conversation_ids=json.dumps(sorted(set(conversation_ids))),
        reviewer_ids=json.dumps(sorted(set(reviewer_ids))), scorecard_id=card.scorecard_id,
        scorecard_version=card.version, created_by=by, created_at_us=now_us,
    )
    session.add(row)
    for reviewer in sorted(set(reviewer_ids)):
        for conversation_id in sorted(set(conversation_ids)):
            if await session.get(ReviewAssignment, (reviewer, conversation_id)) is None:
                session.add(ReviewAssignment(reviewer_id=reviewer, conversation_id=conversation_id, assigned_by=by, assigned_at_us=now_us))
    await session.flush()
    return row


async def agreement(session: AsyncSession, calibration: QaCalibrationSession) -> Agreement:
    """Agreement of the session's latest calibration scores (see the module docstring)."""
    reviewers = tuple(json.loads(calibration.reviewer_ids))
    conversations = tuple(json.loads(calibration.conversation_ids))
    card = await scorecard_version(session, calibration.scorecard_id, calibration.scorecard_version)
    assert card is not None
    statement = select(QaReview).where(QaReview.calibration_id == calibration.calibration_id, QaReview.kind == CALIBRATION)
    latest: dict[tuple[str, str], QaReview] = {}
    for review in (await session.execute(statement.order_by(QaReview.created_at_us, QaReview.review_id))).scalars():
        latest[(review.reviewer_id or "", review.conversation_id)] = review
    totals = [[None if (r, c) not in latest else latest[(r, c)].score_milli / 1000 for c in conversations] for r in reviewers]
    passed = [[None if v is None else float(v >= card.card.pass_score) for v in row] for row in totals]
    dimensions = []
    for dimension in card.card.dimensions:
        rows = []
        for reviewer in reviewers:
            row: list[float | None] = []
            for conversation_id in conversations:
                review = latest.get((reviewer, conversation_id))
                value = None if review is None else score(card.card, values_from_json(review.items)).dimensions[dimension.key]
                row.append(None if value is None else float(value) * 100)
            rows.append(row)
        dimensions.append(DimensionAgreement(dimension.key, alpha(rows, "interval"), icc(rows)))
    return Agreement(
        reviewers, conversations, tuple(tuple(row) for row in totals), alpha(totals, "interval"), alpha(passed, "nominal"),
        icc(totals), tuple(dimensions), tuple(reviewer_bias(totals)),
    )


async def sessions(session: AsyncSession) -> list[QaCalibrationSession]:
    statement = select(QaCalibrationSession).order_by(QaCalibrationSession.created_at_us.desc())
    return list((await session.execute(statement)).scalars())
