"""``coachloop intents sweep``: complete the intents a crash between commit and callback left pending."""

import argparse
import asyncio
import json
import sys
from dataclasses import asdict

from server.config import get_settings
from server.db import create_engine, create_sessionmaker
from server.intents.service import SweepReport, intent_handlers, sweep_intents
from server.kernel.installed import installed_features
from server.timefmt import now_us


async def _sweep() -> SweepReport:
    settings = get_settings()
    engine = create_engine(settings)
    try:
        handlers = intent_handlers(installed_features())
        return await sweep_intents(create_sessionmaker(engine), handlers, settings, now_us=now_us())
    finally:
        await engine.dispose()


def run_sweep(_arguments: argparse.Namespace) -> int:
    report = asyncio.run(_sweep())
    sys.stdout.write(json.dumps(asdict(report), sort_keys=True) + "\n")
    return 1 if report.failed else 0
