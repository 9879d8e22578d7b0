"""Record the GoalWorkflow history the replay test checks: ``python -m tests.goals.record_history``.

Re-record only on purpose (a deliberate, versioned change of the workflow), never to make
a failing replay pass: the old history is what running goals still have.
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
from tests.goals.support import ingest
from tests.goals.test_workflow import RECORDED_HISTORY, create, next_monday, quarter
from workflows.goals.start import start_goal_workflow
from workflows.worker import build_worker


async def record(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/record.db", var_dir=Path(folder), demo=False, timezone="Asia/Shanghai")
        upgrade(settings.database_url)
        engine = create_engine(settings)
        sessionmaker = create_sessionmaker(engine)
        start = next_monday()
        await ingest(sessionmaker, settings, quarter(start))
        goal_id = await create(sessionmaker, settings, start)
        async with await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=find_binary("temporal-test-server")
        ) as environment, build_worker(environment.client, settings, sessionmaker, task_queue="record"):
            handle = await start_goal_workflow(environment.client, "record", goal_id)
            assert handle is not None
            await handle.result()
            history = await handle.fetch_history()
        await engine.dispose()
    document = {"workflow_id": handle.id, "event_count": len(history.events), "history": json.loads(history.to_json())}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(record(RECORDED_HISTORY))
