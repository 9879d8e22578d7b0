"""The quality workflows on Temporal's time-skipping server: re-scoring a period in batches with progress, and the
auto-QA schedule that scores what ended."""

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from server.config import Settings
from server.db import transaction
from server.ingestion.service import ingest_events
from server.kernel.relay import from_global_id
from server.quality.models import QaConversationFact, QaRescoreJob, QaReview
from server.quality.rescoring import create_job
from server.quality.versions import current_rules, save_rules
from server.timefmt import now_us
from tests.quality.api import ADMIN, LEAD, QualityApi
from tests.quality.ingest import DIRECTORY, chat, complete_pending
from tests.quality.test_auto_qa import CAREFUL
from tests.workflows.conftest import time_skipping_env  # noqa: F401  (fixture)
from workflows.quality.activities import QualityActivities
from workflows.quality.inputs import AutoQaInput
from workflows.quality.start import ensure_auto_qa, rescore_workflow_id, start_rescore
from workflows.quality.workflows import AutoQaWorkflow, RescoreWorkflow
from workflows.registry import build_activities

STRICTER = (
    "rules:\n  - {id: compliance.guarantee, type: forbidden, name_zh: 风险用语, name_en: Risk wording, severity: critical,"
    " compliance: true, phrases: [风险]}\n"
)


async def test_a_rule_change_rescored_for_a_period_with_progress(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, time_skipping_env: WorkflowEnvironment,  # noqa: F811
) -> None:
    stream = DIRECTORY + [e for index in range(5) for e in chat(f"c{index}", CAREFUL, csat=5)]
    await ingest_events(sessionmaker, stream, settings=settings)
    await complete_pending(sessionmaker, settings)
    async with transaction(sessionmaker) as session:
        assert (await current_rules(session, now_us=now_us())).version == 1
        await save_rules(session, STRICTER, note="no talk of risk", by="admin-1", now_us=now_us())
        job = await create_job(session, 0, 4_000_000_000_000_000, by="admin-1", now_us=now_us())
        assert (job.total, job.done, job.status) == (5, 0, "pending")
    task_queue = f"test-{uuid.uuid4().hex}"
    activities = build_activities(sessionmaker, settings, [QualityActivities])
    async with Worker(time_skipping_env.client, task_queue=task_queue, workflows=[RescoreWorkflow], activities=activities):
        await start_rescore(time_skipping_env.client, task_queue, job.job_id, batch_size=2)
        await start_rescore(time_skipping_env.client, task_queue, job.job_id, batch_size=2)  # a repeated start: no-op
        handle = time_skipping_env.client.get_workflow_handle(rescore_workflow_id(job.job_id))
        assert await handle.result() == job.job_id
    async with sessionmaker() as session:
        finished = await session.get(QaRescoreJob, job.job_id)
        assert (finished.done, finished.status, finished.cursor) == (5, "done", "c4")
        count = (await session.execute(select(func.count()).select_from(QaReview))).scalar_one()
        assert count == 10
        versions = sorted((await session.execute(select(QaReview.rule_version))).scalars())
        assert versions == [1] * 5 + [2] * 5
        # the agent's "请您了解风险" now breaks the critical compliance rule: every final score is 0
        facts = (await session.execute(select(QaConversationFact.score_milli, QaConversationFact.critical_failed))).all()
        assert sorted(facts) == [(0, True)] * 5


async def test_the_auto_qa_workflow_scores_what_ended(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, time_skipping_env: WorkflowEnvironment,  # noqa: F811
) -> None:
    stream = DIRECTORY + [e for index in range(3) for e in chat(f"c{index}", CAREFUL, csat=5)]
    await ingest_events(sessionmaker, stream, settings=settings)
    task_queue = f"test-{uuid.uuid4().hex}"
    activities = build_activities(sessionmaker, settings, [QualityActivities])
    async with Worker(time_skipping_env.client, task_queue=task_queue, workflows=[AutoQaWorkflow], activities=activities):
        handle = await ensure_auto_qa(time_skipping_env.client, settings, task_queue=task_queue,
                                      schedule=AutoQaInput(interval_seconds=30, runs=2))
        # the first run completes the one pending intent; the second, 30 s later, finds nothing left
        assert await handle.result() == 1
    async with sessionmaker() as session:
        assert (await session.execute(select(func.count()).select_from(QaConversationFact))).scalar_one() == 3


async def test_rescore_conversations_through_the_api_starts_the_workflow_after_commit(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, time_skipping_env: WorkflowEnvironment,  # noqa: F811
) -> None:
    stream = DIRECTORY + [e for index in range(3) for e in chat(f"c{index}", CAREFUL, csat=5)]
    await ingest_events(sessionmaker, stream, settings=settings)
    await complete_pending(sessionmaker, settings)
    task_queue = f"test-{uuid.uuid4().hex}"
    on_test_server = settings.model_copy(update={
        "temporal_address": time_skipping_env.client.service_client.config.target_host, "temporal_task_queue": task_queue,
    })
    api = QualityApi(on_test_server, sessionmaker)
    rescore = """mutation { rescoreConversations(input: {periodStart: "2026-03-01T00:00:00Z", periodEnd: "2026-03-03T00:00:00Z"}) {
      rescoreJob { id total done status } userErrors { code } } }"""
    assert (await api.run(rescore, LEAD)).errors[0].extensions["code"] == "FORBIDDEN"
    activities = build_activities(sessionmaker, on_test_server, [QualityActivities])
    async with Worker(time_skipping_env.client, task_queue=task_queue, workflows=[RescoreWorkflow], activities=activities):
        job = (await api.run(rescore, ADMIN)).data["rescoreConversations"]["rescoreJob"]
        assert (job["total"], job["done"], job["status"]) == (3, 0, "pending")
        key = from_global_id(job["id"], "QaRescoreJob")
        await time_skipping_env.client.get_workflow_handle(rescore_workflow_id(key)).result()
    progress = 'query($id: ID!) { node(id: $id) { ... on QaRescoreJob { total done status } } }'
    assert (await api.run(progress, ADMIN, id=job["id"])).data["node"] == {"total": 3, "done": 3, "status": "done"}
