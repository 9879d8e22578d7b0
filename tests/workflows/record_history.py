"""Record the LoadDemoDataWorkflow history the replay test checks: ``python -m tests.workflows.record_history``.

Re-record only on purpose (a deliberate, versioned change of the workflow), never to make
a failing replay pass: the old history is what running workflows still have.
"""

import asyncio
import json
import tempfile
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.migrate import upgrade
from server.ops.temporal_dev import find_binary
from tests.workflows.test_demo import BATCH_SIZE, CONVERSATIONS, RECORDED_HISTORY, SEED
from workflows.demo.inputs import LoadDemoDataInput
from workflows.demo.workflows import LoadDemoDataWorkflow
from workflows.worker import build_worker

WORKFLOW_ID = "demo-data-load-recorded"


async def record(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/record.db", var_dir=Path(folder), demo=False)
        upgrade(settings.database_url)
        engine = create_engine(settings)
        async with await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=find_binary("temporal-test-server")
        ) as environment:
            async with build_worker(environment.client, settings, create_sessionmaker(engine), task_queue="record"):
                handle = await environment.client.start_workflow(
                    LoadDemoDataWorkflow.run,
                    LoadDemoDataInput(conversations=CONVERSATIONS, seed=SEED, batch_size=BATCH_SIZE),
                    id=WORKFLOW_ID,
                    task_queue="record",
                )
                await handle.result()
                history = await handle.fetch_history()
        await engine.dispose()
    document = {"workflow_id": WORKFLOW_ID, "event_count": len(history.events), "history": json.loads(history.to_json())}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(record(RECORDED_HISTORY))
