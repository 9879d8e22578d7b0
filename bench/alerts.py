"""``python -m bench.alerts``: alert latency under a steady ingest, and the ingest throughput evaluation costs.

1. Latency: one ``coachloop api`` process on PostgreSQL serves an administrator subscribed to
   ``alertRaised`` over graphql-transport-ws. This process ingests events in real time at
   ``--rate`` events per second (one transaction per ``--batch`` events); every batch brings a
   handled conversation of an agent never seen before, which crosses the bench rule (handled > 0
   over 15 minutes, per agent) and raises one alert. Latency = subscriber receipt − return of the
   ingest call that committed the batch (the commit happens just before that return), per alert.
2. Throughput: the same kind of events ingested as fast as possible into fresh databases, with the
   alerts feature installed and without it, alternating; the loss is 1 − with / without.

Results go to bench/RESULTS-alerts.md (and are summarised by hand in bench/RESULTS.md).
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg
import websockets
from server.alerts.module import FEATURE as ALERTS
from server.alerts.pipeline import settle_evaluations
from server.alerts.rules import Comparator, RuleSource, RuleSpec, ScopeKind, Severity, Window
from server.alerts.service import create_rule
from server.authz.identity import mint_token
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.features import FEATURES
from server.ingestion.service import ingest_events
from server.migrate import upgrade
from sqlalchemy.engine import make_url
from websockets.asyncio.client import connect

from bench.databases import DEFAULT_POSTGRES_ADMIN_URL

BENCH_FOLDER = Path(__file__).resolve().parent
JWT_SECRET = "bench-alerts-secret-of-at-least-32-bytes"
RULE = RuleSpec(
    name="Bench: an agent handled a conversation", name_zh="压测：坐席处理了会话", source=RuleSource.METRIC, metric_key="handled",
    scope_kind=ScopeKind.AGENT, scope_id=None, window=Window.MINUTES_15, comparator=Comparator.ABOVE, threshold=0.0,
    deviations=None, min_sample=1, severity=Severity.INFO, hysteresis=0.0, cooldown_minutes=0,
)


def _database(admin_url: str, name: str) -> str:
    url = make_url(admin_url)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                         dbname=url.database, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    database_url = url.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    upgrade(database_url)
    return database_url


def _ts(instant: float) -> str:
    return datetime.fromtimestamp(instant, UTC).isoformat()


def conversation(key: str, agent: str, at: float) -> list[dict[str, Any]]:
    """A handled conversation of six events (start, queue, assignment, two messages, end)."""
    return [
        {"id": f"{key}-s", "type": "conversation.started", "ts": _ts(at), "conversation_id": key, "customer_id": f"cu-{key}",
         "channel": "chat"},
        {"id": f"{key}-q", "type": "conversation.queued", "ts": _ts(at + 0.1), "conversation_id": key},
        {"id": f"{key}-a", "type": "conversation.assigned", "ts": _ts(at + 0.2), "conversation_id": key, "agent_id": agent},
        {"id": f"{key}-m1", "type": "message.sent", "ts": _ts(at + 0.3), "conversation_id": key, "sender": "customer", "text": "你好"},
        {"id": f"{key}-m2", "type": "message.sent", "ts": _ts(at + 0.4), "conversation_id": key, "sender": "agent", "agent_id": agent,
         "text": "您好"},
        {"id": f"{key}-e", "type": "conversation.ended", "ts": _ts(at + 0.5), "conversation_id": key, "resolution": "resolved"},
    ]


def batch_events(run: str, number: int, size: int, at: float) -> tuple[list[dict[str, Any]], str]:
    """About ``size`` events: conversations of 20 known agents and one of a new agent (returned)."""
    newcomer = f"{run}-new-{number}"
    events = conversation(f"{run}-b{number}-new", newcomer, at)
    index = 0
    while len(events) + 6 <= size:
        events += conversation(f"{run}-b{number}-c{index}", f"{run}-agent-{index % 20}", at)
        index += 1
    return events, newcomer


class Api:
    """A ``coachloop api`` child process."""

    def __init__(self, database_url: str, folder: Path, port: int) -> None:
        environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
        environment.update({"COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_PORT": str(port), "COACHLOOP_DEMO": "0",
                            "COACHLOOP_JWT_SECRET": JWT_SECRET, "COACHLOOP_VAR_DIR": str(folder),
                            "COACHLOOP_TEMPORAL_ADDRESS": "127.0.0.1:1"})
        self.log = (folder / "api.log").open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "server.cli", "api"], env=environment, stdout=self.log, stderr=self.log)
        self.base = f"http://127.0.0.1:{port}"

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.base}/healthz", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the API did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        self.log.close()


async def measure_latency(admin_url: str, rate: int, batch: int, seconds: float, folder: Path) -> dict[str, Any]:
    database_url = _database(admin_url, "coachloop_bench_alerts_latency")
    settings = Settings(database_url=database_url, jwt_secret=JWT_SECRET)
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    async with transaction(sessionmaker) as session:
        await create_rule(session, RULE, team_id=None, by="bench", now_us=0)
    api = Api(database_url, folder, 18765)
    received: dict[str, float] = {}
    try:
        api.wait()
        token = mint_token(settings, subject="bench-admin", roles=["admin"], teams=[], ttl_seconds=3600)
        socket = await connect(api.base.replace("http", "ws") + "/graphql", subprotocols=[websockets.Subprotocol("graphql-transport-ws")])
        await socket.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
        await socket.recv()
        await socket.send(json.dumps({"type": "subscribe", "id": "1", "payload": {"query": "subscription { alertRaised { scopeId } }"}}))

        async def receive() -> None:
            async for message in socket:
                body = json.loads(message)
                if body.get("type") == "next":
                    received.setdefault(body["payload"]["data"]["alertRaised"]["scopeId"], time.monotonic())

        receiver = asyncio.create_task(receive())
        await asyncio.sleep(2.0)
        committed: dict[str, float] = {}
        interval = batch / rate
        started = time.monotonic()
        ingested = 0
        number = 0
        while time.monotonic() - started < seconds:
            tick = time.monotonic()
            events, newcomer = batch_events("lat", number, batch, time.time())
            await ingest_events(sessionmaker, events, settings=settings, batch_size=len(events))
            committed[newcomer] = time.monotonic()
            ingested += len(events)
            number += 1
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - tick)))
        elapsed = time.monotonic() - started
        await settle_evaluations()
        await asyncio.sleep(3.0)
        receiver.cancel()
        await socket.close()
    finally:
        api.stop()
        await engine.dispose()
    latencies = sorted(received[agent] - at for agent, at in committed.items() if agent in received)
    return {
        "batches": number, "events": ingested, "achieved_rate": ingested / elapsed, "alerts_expected": len(committed),
        "alerts_received": len(latencies), "median_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], "max_ms": 1000 * latencies[-1],
    }


async def ingest_rate(admin_url: str, with_alerts: bool, round_number: int, batches: int, batch: int) -> float:
    database_url = _database(admin_url, f"coachloop_bench_alerts_tp_{'with' if with_alerts else 'without'}_{round_number}")
    settings = Settings(database_url=database_url)
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    if with_alerts:
        async with transaction(sessionmaker) as session:
            await create_rule(session, RULE, team_id=None, by="bench", now_us=0)
    elif ALERTS in FEATURES:
        FEATURES.remove(ALERTS)
    try:
        prepared = [batch_events(f"tp{round_number}", number, batch, time.time())[0] for number in range(batches)]
        started = time.monotonic()
        for events in prepared:
            await ingest_events(sessionmaker, events, settings=settings, batch_size=len(events))
        await settle_evaluations()
        elapsed = time.monotonic() - started
    finally:
        if ALERTS not in FEATURES:
            FEATURES.append(ALERTS)
        await engine.dispose()
    return sum(len(events) for events in prepared) / elapsed


def render(latency: dict[str, Any], rates: list[tuple[str, float]], arguments: argparse.Namespace) -> str:
    with_rates = [rate for kind, rate in rates if kind == "with"]
    without_rates = [rate for kind, rate in rates if kind == "without"]
    loss = 1 - statistics.median(with_rates) / statistics.median(without_rates)
    lines = [
        "# Alert benchmark results", "",
        f"Written by `python -m bench.alerts --rate {arguments.rate} --batch {arguments.batch} --seconds {arguments.seconds} "
        f"--throughput-batches {arguments.throughput_batches}` on {datetime.now(UTC).isoformat(timespec='seconds')} (PostgreSQL).", "",
        "## Commit-to-subscriber latency while ingesting", "",
        "| | |", "|---|---|",
        f"| target ingest rate | {arguments.rate} events/s ({arguments.batch} events per transaction) |",
        f"| achieved ingest rate | {latency['achieved_rate']:.0f} events/s ({latency['events']} events in {latency['batches']} batches) |",
        f"| alerts raised / received | {latency['alerts_expected']} / {latency['alerts_received']} |",
        f"| latency median | {latency['median_ms']:.0f} ms |",
        f"| latency p99 | {latency['p99_ms']:.0f} ms |",
        f"| latency max | {latency['max_ms']:.0f} ms |", "",
        "## Ingest throughput with and without alert evaluation", "",
        "| round | alerts | events/s |", "|---|---|---|",
        *[f"| {index + 1} | {kind} | {rate:.0f} |" for index, (kind, rate) in enumerate(rates)], "",
        f"Median with: {statistics.median(with_rates):.0f} events/s; without: {statistics.median(without_rates):.0f} events/s; "
        f"**throughput lost to evaluation: {100 * loss:.1f}%**.", "",
    ]
    return "\n".join(lines)


async def main(arguments: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        latency = await measure_latency(arguments.postgres_url, arguments.rate, arguments.batch, arguments.seconds, Path(folder))
    print(json.dumps(latency), flush=True)
    rates: list[tuple[str, float]] = []
    for round_number in range(arguments.rounds):
        for with_alerts in (False, True):
            rate = await ingest_rate(
                arguments.postgres_url, with_alerts, round_number, arguments.throughput_batches, arguments.throughput_batch,
            )
            rates.append(("with" if with_alerts else "without", rate))
            print(rates[-1], flush=True)
    arguments.results.write_text(render(latency, rates, arguments), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.alerts", description=__doc__)
    parser.add_argument("--rate", type=int, default=2000, help="events per second ingested during the latency run")
    parser.add_argument("--batch", type=int, default=200, help="events per transaction during the latency run")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the latency run")
    parser.add_argument("--rounds", type=int, default=2, help="throughput rounds (each: without, then with)")
    parser.add_argument("--throughput-batches", type=int, default=40, help="transactions per throughput run")
    parser.add_argument("--throughput-batch", type=int, default=1000, help="events per transaction in the throughput runs")
    parser.add_argument("--postgres-url", default=os.environ.get("COACHLOOP_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_ADMIN_URL))
    parser.add_argument("--results", type=Path, default=BENCH_FOLDER / "RESULTS-alerts.md")
    asyncio.run(main(parser.parse_args()))
