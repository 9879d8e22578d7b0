"""``python -m bench.coaching_plans``: how fast one worker runs many coaching plan workflows at once.

N plans (default 1,000) are opened in the database, each with two tasks due a few seconds
after the start and an evaluation date after that, and their ``plan-<id>`` workflows are
started through the real intent handler against Temporal's dev server (``temporal
server start-dev``). One worker runs them all. Each plan takes four steps: reminders for
both tasks (due within a day), an escalation per task at its due time, and the end with
its ``coaching.plan_ended`` publication; every step writes outbox entries and completes
their delivery intents. Reported: wall time from the first start until every workflow
completed, completed workflows per second, steps per second, and how late the last plan
finished after its evaluation instant: every plan's last step falls due at that one
instant, so plans / lateness is the rate the worker drains a burst of due steps.
"""

import argparse
import asyncio
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url
from temporalio.testing import WorkflowEnvironment

from bench.databases import DEFAULT_POSTGRES_ADMIN_URL
from server.coaching.handlers import coaching_handlers
from server.coaching.plans import PlanSpec, TaskSpec, open_plan
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.intents.service import complete_intent
from server.migrate import upgrade
from server.ops.temporal_dev import find_binary
from server.authz.identity import Principal
from server.org.models import Agent, Team
from server.people.records import UserRecord
from server.people.service import Actor, store_user
from server.timefmt import now_us
from workflows.coaching.start import plan_workflow_id
from workflows.worker import build_worker

SECOND_US = 1_000_000
SETUP = Actor(Principal("bench", frozenset({"admin"})), "setup")
STEPS_PER_PLAN = 4


def _database(admin_url: str) -> str:
    name = f"coachloop_bench_plans_{uuid.uuid4().hex[:8]}"
    url = make_url(admin_url)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def _drop(admin_url: str, database_url: str) -> None:
    url, name = make_url(admin_url), make_url(database_url).database
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def run(plans: int, lead_seconds: int, admin_url: str, folder: Path) -> dict[str, float]:
    database_url = _database(admin_url)
    try:
        upgrade(database_url)
        settings = Settings(database_url=database_url, var_dir=folder, demo=False, timezone="UTC")
        engine = create_engine(settings)
        sessionmaker = create_sessionmaker(engine)
        async with transaction(sessionmaker) as session:
            session.add(Team(team_id="t-bench", name="bench", ts_us=0, event_id="e-team"))
            session.add_all(Agent(agent_id=f"a{index}", name=f"a{index}", team_id="t-bench", ts_us=0, event_id=f"e-a{index}") for index in range(plans))
            await store_user(session, UserRecord("u-lead", "lead", roles=frozenset({"manager"}), teams=frozenset({"t-bench"})), SETUP, now_us=0)
            for index in range(plans):
                await store_user(session, UserRecord(f"a{index}", f"a{index}", roles=frozenset({"agent"}), agent_id=f"a{index}"), SETUP, now_us=0)
        async with await WorkflowEnvironment.start_local(dev_server_existing_path=find_binary("temporal")) as environment:
            client, queue = environment.client, f"bench-{uuid.uuid4().hex[:8]}"

            async def client_for(_settings: Settings) -> tuple:
                return client, queue

            handlers = coaching_handlers(client_for)
            start = now_us() + 30 * SECOND_US  # opening and starting every plan fits well within this
            intents = []
            plan_ids = []
            async with transaction(sessionmaker) as session:
                for index in range(plans):
                    spec = PlanSpec(
                        agent_id=f"a{index}", metric_key="fcr_rate", title="bench", starts_at_us=start - SECOND_US,
                        evaluation_at_us=start + 3 * lead_seconds * SECOND_US,
                        tasks=(TaskSpec("training_module", "one", start + lead_seconds * SECOND_US),
                               TaskSpec("shadowing", "two", start + 2 * lead_seconds * SECOND_US)),
                    )
                    plan, written = await open_plan(session, spec, actor="bench", now_us=start)
                    plan_ids.append(plan.plan_id)
                    intents.append(written.intents[0])
            async with build_worker(client, settings, sessionmaker, task_queue=queue):
                began = time.perf_counter()
                await asyncio.gather(*(complete_intent(sessionmaker, intent, handlers, settings, now_us=now_us()) for intent in intents))
                started = time.perf_counter()
                await asyncio.gather(*(client.get_workflow_handle(plan_workflow_id(plan_id)).result() for plan_id in plan_ids))
                finished = time.perf_counter()
                late_s = (now_us() - (start + 3 * lead_seconds * SECOND_US)) / SECOND_US
        await engine.dispose()
    finally:
        _drop(admin_url, database_url)
    elapsed = finished - began
    return {
        "plans": plans, "start_seconds": started - began, "elapsed_seconds": elapsed,
        "workflows_per_second": plans / elapsed, "steps_per_second": plans * STEPS_PER_PLAN / elapsed,
        "last_plan_late_seconds": late_s, "plan_span_seconds": 30 + 3 * lead_seconds,
        "end_burst_steps_per_second": plans / late_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.coaching_plans", description=__doc__)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--lead-seconds", type=int, default=10, help="seconds between the tasks' due times and the evaluation")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    result = asyncio.run(run(arguments.plans, arguments.lead_seconds, arguments.postgres_url, arguments.out))
    for key, value in result.items():
        print(f"{key}: {value:.2f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()

