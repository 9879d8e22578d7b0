"""``node(id:)`` for the quality records, each with the visibility rules of its own queries."""

from typing import Any

from server.audit.trail import AuditSubject
from server.authz.guards import record_hidden, require_rows
from server.kernel.relay import NodeType
from server.quality.calibration import agreement
from server.quality.models import QaCalibrationSession, QaRescoreJob, QaSamplingPlan, QaSamplingRun
from server.quality.plan_types import QaCalibrationSessionType, QaSamplingPlanType, QaSamplingRunType
from server.quality.repository import QaDisputeRepository, QaReviewRepository, dispute_exists, review_exists
from server.quality.types import QaDisputeType, QaFindingType, QaRescoreJobType, QaReviewType, QaScorecardType
from server.quality.versions import scorecard_version


async def load_review(context: Any, key: str) -> QaReviewType | None:
    row = await QaReviewRepository(context.session, await require_rows(context, "QaReview")).get(key)
    if row is None:
        record_hidden(context, "QaReview", AuditSubject("qa_review", key), await review_exists(context.session, key))
        return None
    return QaReviewType.of(row)


async def load_finding(context: Any, key: str) -> QaFindingType | None:
    row = await QaReviewRepository(context.session, await require_rows(context, "QaReview")).finding(key)
    return QaFindingType.of(row) if row is not None else None


async def load_dispute(context: Any, key: str) -> QaDisputeType | None:
    row = await QaDisputeRepository(context.session, await require_rows(context, "QaDispute")).get(key)
    if row is None:
        record_hidden(context, "QaDispute", AuditSubject("qa_dispute", key), await dispute_exists(context.session, key))
        return None
    return QaDisputeType.of(row)


async def load_scorecard(context: Any, key: str) -> QaScorecardType | None:
    await require_rows(context, "QaScorecard")
    scorecard_id, _, version = key.rpartition("@")
    if not version.isdigit():
        return None
    found = await scorecard_version(context.session, scorecard_id, int(version))
    return QaScorecardType.of(found, context.language) if found is not None else None


async def load_rescore_job(context: Any, key: str) -> QaRescoreJobType | None:
    await require_rows(context, "QaRules", "write")
    row = await context.session.get(QaRescoreJob, key)
    return QaRescoreJobType.of(row) if row is not None else None


async def load_sampling_plan(context: Any, key: str) -> QaSamplingPlanType | None:
    await require_rows(context, "QaSampling")
    row = await context.session.get(QaSamplingPlan, key)
    return QaSamplingPlanType.of(row) if row is not None else None


async def load_sampling_run(context: Any, key: str) -> QaSamplingRunType | None:
    await require_rows(context, "QaSampling")
    row = await context.session.get(QaSamplingRun, key)
    return QaSamplingRunType.of(row) if row is not None else None


async def load_calibration(context: Any, key: str) -> QaCalibrationSessionType | None:
    await require_rows(context, "QaCalibration")
    row = await context.session.get(QaCalibrationSession, key)
    return QaCalibrationSessionType.of(row, await agreement(context.session, row)) if row is not None else None


NODES = (
    NodeType("QaReview", load_review),
    NodeType("QaFinding", load_finding),
    NodeType("QaDispute", load_dispute),
    NodeType("QaScorecard", load_scorecard),
    NodeType("QaRescoreJob", load_rescore_job),
    NodeType("QaSamplingPlan", load_sampling_plan),
    NodeType("QaSamplingRun", load_sampling_run),
    NodeType("QaCalibrationSession", load_calibration),
)
