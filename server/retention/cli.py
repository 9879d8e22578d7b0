"""``coachloop retention apply`` (one run now, no Temporal) and ``coachloop retention schedule`` (start the daily workflow)."""

import argparse
import asyncio
import json
import sys

from server.config import get_settings
from server.db import create_engine, create_sessionmaker, transaction
from server.retention.policy import load_retention_policy
from server.retention.service import apply_retention
from server.timefmt import now_us
from workflows.commands import run_temporal_command, with_temporal
from workflows.retention.start import ensure_retention_schedule


async def _apply() -> dict[str, int]:
    settings = get_settings()
    engine = create_engine(settings)
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            report = await apply_retention(session, load_retention_policy(settings.policies_dir), now_us=now_us())
    finally:
        await engine.dispose()
    return report.as_dict()


def run_apply(_arguments: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(asyncio.run(_apply()), sort_keys=True) + "\n")
    return 0


async def _schedule() -> str:
    settings = get_settings()
    handle = await with_temporal(settings, lambda client: ensure_retention_schedule(client, settings))
    return f"retention schedule running as workflow {handle.id}"


def run_schedule(_arguments: argparse.Namespace) -> int:
    """Start the daily workflow; exit 3 with one line when Temporal is down or slow (workflows/commands.py)."""
    return run_temporal_command("retention schedule", _schedule)
