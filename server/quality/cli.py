"""``coachloop quality schedule``: start the auto-QA workflow that scores ended conversations soon after they end."""

import argparse

from server.config import get_settings
from workflows.commands import run_temporal_command, with_temporal
from workflows.quality.start import ensure_auto_qa


async def _schedule() -> str:
    settings = get_settings()
    handle = await with_temporal(settings, lambda client: ensure_auto_qa(client, settings))
    return f"auto-QA running as workflow {handle.id}"


def run_schedule(_arguments: argparse.Namespace) -> int:
    """Start the workflow; exit 3 with one line when Temporal is down or slow (workflows/commands.py)."""
    return run_temporal_command("quality schedule", _schedule)
