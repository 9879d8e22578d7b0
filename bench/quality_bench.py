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
from pathlib import Path

from sqlalchemy import func, select

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


async def measure(conversations: int, seed: int, folder: Path) -> dict[str, float]:
    url = f"sqlite:///{folder / 'quality-bench.db'}"
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


def report(result: dict[str, float]) -> str:
    verdict = "met" if result["per_minute"] >= TARGET_PER_MINUTE else "not met"
    return "\n".join([
        "## Auto-QA throughput",
        "",
        f"`python -m bench.quality_bench --conversations {int(result['conversations'])}` on SQLite (file), one process, "
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
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quality-bench-"))
    try:
        print(report(asyncio.run(measure(arguments.conversations, arguments.seed, folder))))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
