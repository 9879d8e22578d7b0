"""Record the TeamReviewScheduleWorkflow history the replay test checks: ``python -m tests.evaluation.record_history``.

Re-record only on purpose (a deliberate, versioned change of the workflow), never to make
a failing replay pass: the old history is what running schedules still have.
"""

import asyncio
import json
import tempfile
from pathlib import Path

from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.migrate import upgrade
from server.ops.temporal_dev import find_binary
from server.timefmt import to_us
from workflows.evaluation.activities import ReviewActivities
from workflows.evaluation.inputs import DAY_US, TeamReviewScheduleInput
from workflows.evaluation.workflows import TeamReviewScheduleWorkflow
from workflows.registry import build_activities

RECORDED_HISTORY = Path(__file__).parent / "histories" / "team_review_schedule.json"
WORKFLOW_ID = "team-review-recorded"


async def record(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/record.db", var_dir=Path(folder), demo=False)
        upgrade(settings.database_url)
        engine = create_engine(settings)
        async with await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=find_binary("temporal-test-server")
        ) as environment:
            activities = build_activities(create_sessionmaker(engine), settings, [ReviewActivities])
            async with Worker(environment.client, task_queue="record", workflows=[TeamReviewScheduleWorkflow], activities=activities):
                first_end = to_us(await environment.get_current_time()) + DAY_US
                handle = await environment.client.start_workflow(
                    TeamReviewScheduleWorkflow.run, TeamReviewScheduleInput("t-east", first_end, runs=3, reviews_per_history=2),
                    id=WORKFLOW_ID, task_queue="record",
                )
                await handle.result()
                history = await environment.client.get_workflow_handle(WORKFLOW_ID, run_id=handle.first_execution_run_id).fetch_history()
        await engine.dispose()
    document = {"workflow_id": WORKFLOW_ID, "event_count": len(history.events), "history": json.loads(history.to_json())}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(record(RECORDED_HISTORY))
