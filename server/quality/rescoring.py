"""Re-scoring a period (重新质检): a job row with its progress, worked through in batches by a Temporal workflow.

The ended conversations of ``[from, to)`` (by their end) are scored again with the current
rules, in conversation-id order, a batch per activity; each batch commits with the job's
progress, so a restarted run continues after the last committed batch.
"""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conversations.models import ConversationEvent
from server.intents.models import Intent
from server.kernel.events import EventType
from server.quality.models import QaRescoreJob
from server.quality.scoring import new_id, score_conversations

PENDING, RUNNING, DONE = "pending", "running", "done"
RESCORE_INTENT = "quality.rescore"


def _ended_in(from_us: int, to_us: int):  # noqa: ANN202  (a SQL select)
    return select(ConversationEvent.conversation_id).where(
        ConversationEvent.type == EventType.CONVERSATION_ENDED,
        ConversationEvent.ts_us >= from_us, ConversationEvent.ts_us < to_us,
    ).distinct()


async def create_job(session: AsyncSession, from_us: int, to_us: int, *, by: str, now_us: int) -> QaRescoreJob:
    """A pending job over the conversations that ended in ``[from_us, to_us)`` (flush only)."""
    total = (await session.execute(select(func.count()).select_from(_ended_in(from_us, to_us).subquery()))).scalar_one()
    job = QaRescoreJob(job_id=new_id(), from_us=from_us, to_us=to_us, total=total, done=0, status=PENDING,
                       requested_by=by, created_at_us=now_us)
    session.add(job)
    await session.flush()
    return job


async def rescore_batch(session: AsyncSession, job_id: str, limit: int, *, now_us: int) -> bool:
    """Score the job's next ``limit`` conversations after its cursor; False once the job is done."""
    job = await session.get(QaRescoreJob, job_id)
    if job is None or job.status == DONE:
        return False
    ended = _ended_in(job.from_us, job.to_us).subquery()
    statement = select(ended.c.conversation_id).order_by(ended.c.conversation_id).limit(limit)
    if job.cursor is not None:
        statement = statement.where(ended.c.conversation_id > job.cursor)
    ids = list((await session.execute(statement)).scalars())
    if ids:
        await score_conversations(session, ids, now_us=now_us)
    job.done = min(job.total, job.done + len(ids))
    job.cursor = ids[-1] if ids else job.cursor
    finished = len(ids) < limit
    job.status = DONE if finished else RUNNING
    if finished:
        job.finished_at_us = now_us
    await session.flush()
    return not finished


async def pending_scoring(sessionmaker: async_sessionmaker[AsyncSession]) -> list[str]:
    """Ids of the ``quality.score`` intents still pending, oldest first."""
    async with sessionmaker() as session:
        statement = select(Intent.intent_id).where(
            Intent.kind == "quality.score", Intent.completed_at_us.is_(None),
        ).order_by(Intent.created_at_us, Intent.intent_id)
        return list((await session.execute(statement)).scalars())
