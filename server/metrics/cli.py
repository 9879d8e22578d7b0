"""``coachloop report``: metrics as JSON, CSV or a table; ``coachloop metrics rebuild``.

Exit status: 0 on success, 2 on bad arguments (unknown key or dimension, two time
buckets, an unreadable date) or when the database cannot be used.
"""

import argparse
import asyncio
import sys

from sqlalchemy.exc import SQLAlchemyError

from server.config import Settings, get_settings
from server.db import create_engine, create_sessionmaker, transaction
from server.metrics.config import FactsConfig
from server.metrics.errors import MetricsRequestError
from server.metrics.formats import RENDERERS
from server.metrics.freshness import FactsFreshness, facts_freshness
from server.metrics.query import compute_metrics
from server.metrics.rebuild import rebuild_facts
from server.metrics.request import MetricsRequest, parse_range_bound
from server.metrics.state import read_state
from server.timefmt import format_instant

USAGE_ERROR = 2


def _listed(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [part for part in (piece.strip() for piece in text.split(",")) if part]


def request_of(arguments: argparse.Namespace) -> MetricsRequest:
    """The metrics request the command line asks for (raises MetricsRequestError)."""
    return MetricsRequest.of(
        from_=parse_range_bound(arguments.from_, "--from"),
        to=parse_range_bound(arguments.to, "--to"),
        team_ids=_listed(arguments.teams),
        agent_ids=_listed(arguments.agents),
        channels=_listed(arguments.channels),
        categories=_listed(arguments.categories),
        group_by=_listed(arguments.group_by) or [],
        metrics=_listed(arguments.metrics),
    )


async def _report(settings: Settings, request: MetricsRequest) -> tuple[list, FactsFreshness]:
    engine = create_engine(settings)
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            rows = await compute_metrics(session, request, settings=settings)
            return rows, await facts_freshness(session, await read_state(session))
    finally:
        await engine.dispose()


def freshness_note(freshness: FactsFreshness, settings: Settings) -> str | None:
    """One line for standard error when the figures leave events out (an import in progress)."""
    if freshness.current:
        return None
    since = "" if freshness.import_since_us is None else f" since {format_instant(freshness.import_since_us, settings.zone)}"
    return (f"coachloop report: note: an import is in progress{since}; these figures leave out the "
            f"{freshness.pending_events} events it stored so far, until it finishes.")


def run_report(arguments: argparse.Namespace) -> int:
    try:
        request = request_of(arguments)
    except MetricsRequestError as error:
        print(f"coachloop report: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    settings = get_settings()
    try:
        rows, freshness = asyncio.run(_report(settings, request))
    except MetricsRequestError as error:
        print(f"coachloop report: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except SQLAlchemyError as error:
        print(f"coachloop report: error: cannot read the database ({type(error).__name__}); "
              "is it reachable and migrated (`coachloop migrate`)?", file=sys.stderr)
        return USAGE_ERROR
    sys.stdout.buffer.write(RENDERERS[arguments.format](rows, request).encode("utf-8"))
    sys.stdout.flush()
    note = freshness_note(freshness, settings)
    if note is not None:
        print(note, file=sys.stderr)
    return 0


async def _rebuild(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            await rebuild_facts(session, FactsConfig.from_settings(settings))
    finally:
        await engine.dispose()


def run_rebuild(_arguments: argparse.Namespace) -> int:
    settings = get_settings()
    try:
        asyncio.run(_rebuild(settings))
    except SQLAlchemyError as error:
        print(f"coachloop metrics rebuild: error: cannot use the database ({type(error).__name__}); "
              "is it reachable and migrated (`coachloop migrate`)?", file=sys.stderr)
        return USAGE_ERROR
    print(f"metric facts rebuilt (time zone {settings.timezone})", file=sys.stderr)
    return 0
