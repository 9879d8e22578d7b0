"""``python -m bench.quality_bench``: auto-QA throughput on the demo organisation.

Imports N demo conversations into a fresh migrated database (the ingestion hook only
records ``quality.score`` intents, one per 500 ended conversations of a batch), then
completes every pending intent one after the other, as ``coachloop intents sweep``
does: loading, rule checks, scorecard, reviews, findings, facts, domain events and
outbox entries, each intent in its own transaction. The figure is scored
conversations per minute of that second phase, against the target of keeping up
with 1,000 conversations ending per minute. Results are printed as a Markdown
section for bench/RESULTS.md.
"""

import argparse
import asyncio
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import URL, func, make_url, select

from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.demo.generator import generate_events
from server.ingestion.service import ingest_events
from server.intents.models import Intent
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.migrate import upgrade
from server.quality.models import QaFinding, QaReview
from server.timefmt import now_us

TARGET_PER_MINUTE = 1000


async def measure(conversations: int, seed: int, folder: Path, url: str) -> dict[str, float]:
    upgrade(url)
    settings = Settings(database_url=url, var_dir=folder, demo=False, timezone="Asia/Shanghai")
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    started = time.perf_counter()
    await ingest_events(sessionmaker, generate_events(conversations, seed), settings=settings)
    imported = time.perf_counter() - started
    async with sessionmaker() as session:
        pending = list((await session.execute(
            select(Intent.intent_id).where(Intent.kind == "quality.score", Intent.completed_at_us.is_(None))
            .order_by(Intent.created_at_us)
        )).scalars())
    handlers = intent_handlers(installed_features())
    started = time.perf_counter()
    for intent_id in pending:
        await complete_intent(sessionmaker, intent_id, handlers, settings, now_us=now_us())
    scoring = time.perf_counter() - started
    async with sessionmaker() as session:
        reviews = (await session.execute(select(func.count()).select_from(QaReview))).scalar_one()
        findings = (await session.execute(select(func.count()).select_from(QaFinding))).scalar_one()
    await engine.dispose()
    return {
        "conversations": conversations, "import_seconds": imported, "intents": len(pending), "reviews": reviews,
        "findings": findings, "scoring_seconds": scoring, "per_minute": reviews / scoring * 60 if scoring else 0.0,
    }


def report(result: dict[str, float], backend: str) -> str:
    verdict = "met" if result["per_minute"] >= TARGET_PER_MINUTE else "not met"
    return "\n".join([
        f"## Auto-QA throughput ({backend})",
        "",
        f"`python -m bench.quality_bench --conversations {int(result['conversations'])}` on {backend}, one process, "
        "intents completed one after the other as `coachloop intents sweep` does.",
        "",
        "| | |",
        "|---|---|",
        f"| demo conversations imported | {int(result['conversations']):,} in {result['import_seconds']:.1f} s (hook records intents only) |",
        f"| `quality.score` intents | {int(result['intents']):,} |",
        f"| automatic reviews stored | {int(result['reviews']):,} ({int(result['findings']):,} findings) |",
        f"| scoring time | {result['scoring_seconds']:.1f} s |",
        f"| **throughput** | **{result['per_minute']:,.0f} conversations / minute** (target ≥ {TARGET_PER_MINUTE:,}: **{verdict}**) |",
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.quality_bench", description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", help="a PostgreSQL server's admin URL: measure on a database created there (and dropped)")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quality-bench-"))
    database = f"coachloop_qa_bench_{uuid.uuid4().hex[:8]}"
    admin = make_url(arguments.postgres_url) if arguments.postgres_url else None
    try:
        if admin is None:
            url, backend = f"sqlite:///{folder / 'quality-bench.db'}", "SQLite (file)"
        else:
            _admin_execute(admin, f'CREATE DATABASE "{database}" ENCODING \'UTF8\' TEMPLATE template0')
            url, backend = admin.set(database=database).render_as_string(hide_password=False), "PostgreSQL"
        print(report(asyncio.run(measure(arguments.conversations, arguments.seed, folder, url)), backend))
    finally:
        if admin is not None:
            _admin_execute(admin, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def _admin_execute(admin: URL, statement: str) -> None:
    with psycopg.connect(host=admin.host, port=admin.port or 5432, user=admin.username, password=admin.password,
                         dbname=admin.database, autocommit=True) as connection:
        connection.execute(statement)


if __name__ == "__main__":
    main()
