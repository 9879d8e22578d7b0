"""``python -m bench.goal_check``: plan and check one organisation goal for a 500-agent organisation.

The organisation: one root team, ``--teams`` service teams under it and ``--agents`` agents
spread over them; ``--conversations`` conversations over the 28 baseline days and the
goal's first four weeks (each with one first response of a seeded random length). The
goal is the organisation's average first response, 10% faster, decomposed to every team
and agent. Timed: planning (baseline, decomposition, parts stored) and one milestone
check (the scope, every team and every agent, checks stored, ``goals.checked`` published),
each in its own transaction, on a fresh SQLite file or PostgreSQL database.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.goals.checks import run_check
from server.goals.service import GoalSpec, create_goal
from server.ingestion.service import ingest_events
from server.intents.service import record_intent
from server.metrics.api import MetricsRequest, compute_metrics
from server.migrate import upgrade
from server.timefmt import to_us

ZONE = ZoneInfo("Asia/Shanghai")
START = date(2026, 6, 1)
BASELINE_DAYS = 28
MEASURED_DAYS = 28


def organisation_events(teams: int, agents: int) -> list[dict[str, Any]]:
    origin = "2026-01-01T08:00:00+08:00"
    events = [{"id": "team-root", "type": "team.upserted", "ts": origin, "team_id": "root", "name": "客服中心"}]
    events += [{"id": f"team-{t}", "type": "team.upserted", "ts": origin, "team_id": f"t{t:02d}", "name": f"第{t}组",
                "parent_team_id": "root"} for t in range(teams)]
    events += [{"id": f"agent-{a}", "type": "agent.upserted", "ts": origin, "agent_id": f"a{a:04d}", "name": f"坐席{a}",
                "team_id": f"t{a % teams:02d}"} for a in range(agents)]
    return events


def conversation_events(conversations: int, agents: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    first = datetime.combine(START - timedelta(days=BASELINE_DAYS), datetime.min.time(), tzinfo=ZONE)
    span = (BASELINE_DAYS + MEASURED_DAYS) * 86_400
    speed = [rng.uniform(0.5, 2.0) for _ in range(agents)]
    events: list[dict[str, Any]] = []
    for number in range(conversations):
        agent = rng.randrange(agents)
        start = first + timedelta(seconds=rng.randrange(span))
        reply = round(rng.expovariate(1 / 40) * speed[agent], 3)
        cid = f"cv{number:07d}"

        def at(seconds: float, start: datetime = start) -> str:
            return (start + timedelta(seconds=seconds)).isoformat()

        events += [
            {"id": f"{cid}-s", "type": "conversation.started", "ts": at(0), "conversation_id": cid, "channel": "chat", "customer_id": "c1"},
            {"id": f"{cid}-a", "type": "conversation.assigned", "ts": at(5), "conversation_id": cid, "agent_id": f"a{agent:04d}"},
            {"id": f"{cid}-c", "type": "message.sent", "ts": at(10), "conversation_id": cid, "sender": "customer", "text": "你好"},
            {"id": f"{cid}-r", "type": "message.sent", "ts": at(10 + reply), "conversation_id": cid, "sender": "agent",
             "agent_id": f"a{agent:04d}", "text": "您好"},
            {"id": f"{cid}-e", "type": "conversation.ended", "ts": at(10 + reply + 300), "conversation_id": cid, "resolution": "resolved"},
        ]
    return events


async def measure(settings: Settings, arguments: argparse.Namespace) -> dict[str, Any]:
    upgrade(settings.database_url)
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    far = to_us(datetime(2100, 1, 1, tzinfo=ZONE))
    began = time.perf_counter()
    events = organisation_events(arguments.teams, arguments.agents) + conversation_events(arguments.conversations, arguments.agents, arguments.seed)
    report = await ingest_events(sessionmaker, events, settings=settings, now_us=far)
    ingest_seconds = time.perf_counter() - began
    spec = GoalSpec(name="组织首响提速", metric_key="first_response_avg_s", target_kind="change_percent", target=-10.0,
                    scope_kind="organisation", start_date=START, end_date=START + timedelta(days=90), owner_id="bench",
                    tolerance=1.0, minimum_sample=20)
    began = time.perf_counter()
    async with transaction(sessionmaker) as session:  # committed: what it made current stays current
        await compute_metrics(session, MetricsRequest.of(metrics=["conversations"]), settings=settings)
    first_query_seconds = time.perf_counter() - began
    began = time.perf_counter()
    async with transaction(sessionmaker) as session:
        goal = await create_goal(session, settings, spec, lambda kind, payload: record_intent(session, kind, payload, now_us=0),
                                 created_by="bench", draft=False, now_us=0)
    plan_seconds = time.perf_counter() - began
    check_seconds = []
    for milestone in range(1, arguments.checks + 1):
        began = time.perf_counter()
        async with transaction(sessionmaker) as session:
            outcome = await run_check(session, settings, goal.goal_id, milestone=milestone, now_us=milestone)
        check_seconds.append(time.perf_counter() - began)
    await engine.dispose()
    return {"events": report.accepted, "ingest_seconds": ingest_seconds, "first_query_seconds": first_query_seconds,
            "plan_seconds": plan_seconds, "check_seconds": check_seconds, "checks_per_run": len(outcome.checks)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.goal_check", description=__doc__)
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--teams", type=int, default=25)
    parser.add_argument("--conversations", type=int, default=50_000)
    parser.add_argument("--checks", type=int, default=4, help="milestone checks timed (weeks 1..N of the measured days)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="an empty migrated-or-new database (default: a fresh SQLite file)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.database_url or f"sqlite:///{folder}/goal-bench.db"
        settings = Settings(database_url=url, var_dir=Path(folder), demo=False, timezone="Asia/Shanghai")
        result = asyncio.run(measure(settings, arguments))
    checks = result["check_seconds"]
    print(f"backend: {url.split(':')[0]}; agents {arguments.agents}, teams {arguments.teams}, conversations {arguments.conversations}")
    print(f"events ingested: {result['events']} in {result['ingest_seconds']:.1f} s")
    print(f"first metrics query after the import (facts made current): {result['first_query_seconds']:.3f} s")
    print(f"plan (baseline + decomposition + parts): {result['plan_seconds']:.3f} s")
    print(f"milestone check ({result['checks_per_run']} checks stored each): median {statistics.median(checks):.3f} s, "
          f"min {min(checks):.3f} s, max {max(checks):.3f} s over {len(checks)}")


if __name__ == "__main__":
    main()
