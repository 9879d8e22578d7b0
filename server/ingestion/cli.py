"""``coachloop import FILE...``: JSON Lines files (``-`` for stdin) into the event store.

Exit status: 0 when the import ran (rejected lines included), 2 when it could not
start (missing file, unknown time zone, unreachable or unmigrated database, reject
file not writable), 1 when the database failed part-way (batches already committed
stay; re-running the import is safe), 130 when stopped by SIGINT (Ctrl-C) and 143 by
SIGTERM: the import stops at a batch boundary, prints what was committed (marked
interrupted) and exits; a second signal stops at once. After any of these the metric
figures are repaired by the next query or import (server/metrics/hold.py).
"""

import argparse
import asyncio
import json
import os
import sys
from contextlib import ExitStack
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from server.config import get_settings
from server.db import create_engine, create_sessionmaker
from server.ingestion.jsonlines import LineReader
from server.ingestion.outcomes import EventStatus, IngestReport, ItemOutcome
from server.ingestion.progress import ProgressLine
from server.ingestion.service import InputItem, ingest_items
from server.ingestion.stopping import StopRequest
from server.ingestion.summary import JSON_LIST_LIMIT, FileReport, summary_json, summary_text

STDIN = "-"


class CannotRun(Exception):
    """The import cannot start; the message says why."""


def _zone(name: str | None) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise CannotRun(f"unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)") from error


def _open_inputs(stack: ExitStack, names: list[str]) -> list[tuple[str, BinaryIO, int | None]]:
    """Every input opened before anything is written, with its size when known."""
    opened = []
    for name in names:
        if name == STDIN:
            stream: BinaryIO = sys.stdin.buffer
        else:
            try:
                stream = stack.enter_context(open(name, "rb"))  # noqa: SIM115  (closed by the stack)
            except OSError as error:
                raise CannotRun(f"cannot read {name}: {error.strerror}") from error
        size = os.fstat(stream.fileno()).st_size
        regular = os.path.isfile(name) if name != STDIN else False
        opened.append((name, stream, size if regular else None))
    return opened


async def _check_database(engine) -> None:  # noqa: ANN001
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1 FROM event WHERE 1 = 0"))
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        raise CannotRun(f"cannot use the database: {type(cause).__name__}: {cause}"
                        " (is it reachable, and migrated with `coachloop migrate`?)") from error


async def _import(arguments: argparse.Namespace, stop: StopRequest) -> tuple[list[FileReport], str | None]:
    stop.install()
    try:
        return await _import_files(arguments, stop)
    finally:
        stop.uninstall()


async def _import_files(arguments: argparse.Namespace, stop: StopRequest) -> tuple[list[FileReport], str | None]:
    settings = get_settings()
    zone = _zone(arguments.default_tz)
    with ExitStack() as stack:
        inputs = _open_inputs(stack, arguments.files)
        engine = create_engine(settings)
        try:
            await _check_database(engine)
            reject_stream = None
            if arguments.reject_file:
                try:
                    reject_stream = stack.enter_context(open(arguments.reject_file, "wb"))  # noqa: SIM115
                except OSError as error:
                    raise CannotRun(f"cannot write {arguments.reject_file}: {error.strerror}") from error
            sessionmaker = create_sessionmaker(engine)
            files: list[FileReport] = []
            for name, stream, size in inputs:
                if stop.requested:
                    break
                reader = LineReader(stream, name)
                progress = ProgressLine(sys.stderr, name, size) if sys.stderr.isatty() else None

                def write_rejected(item: InputItem, outcome: ItemOutcome, stream: BinaryIO | None = reject_stream) -> None:
                    if stream is not None and outcome.status is EventStatus.REJECTED and item.line is not None:
                        stream.write(item.line + b"\n")

                report = IngestReport(kept_limit=JSON_LIST_LIMIT)  # what was committed, if a second signal cuts in
                files.append(FileReport(name, report))

                def keep(latest: IngestReport, index: int = len(files) - 1, name: str = name,
                         progress: ProgressLine | None = progress, reader: LineReader = reader) -> None:
                    files[index] = FileReport(name, latest)
                    if progress is not None:
                        progress.show(reader.bytes_read, latest)

                try:
                    report = await ingest_items(
                        sessionmaker,
                        reader,
                        batch_size=arguments.batch_size or settings.ingest_batch_size,
                        default_tz=zone,
                        on_progress=keep,
                        on_outcome=write_rejected if reject_stream is not None else None,
                        kept_limit=JSON_LIST_LIMIT,
                        defer_upkeep=True,
                        on_catch_up=progress.catching_up if progress else None,
                        stop=stop,
                    )
                except asyncio.CancelledError:  # a second signal: what was committed is in files[-1]
                    files[-1].report.interrupted = True
                    break
                finally:
                    if progress is not None:
                        progress.finish()
                files[-1] = FileReport(name, report)
            return files, arguments.reject_file
        finally:
            await engine.dispose()


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def run_import(arguments: argparse.Namespace) -> int:
    """Import the files; print the summary (or one JSON object with --json); return the exit status."""
    stop = StopRequest()
    try:
        files, reject_file = asyncio.run(_import(arguments, stop))
    except KeyboardInterrupt:  # before the handlers were installed or after they were removed
        print("coachloop import: stopped by SIGINT before the import started; nothing was written.", file=sys.stderr)
        return 130
    except CannotRun as problem:
        print(f"coachloop import: {problem}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(
            f"coachloop import: the database failed during the import ({_safe_url(get_settings().database_url)}): "
            f"{getattr(error, 'orig', None) or error}. Batches written before stay; importing again is safe.",
            file=sys.stderr,
        )
        return 1
    if arguments.json:
        print(json.dumps(summary_json(files, reject_file), ensure_ascii=False))
    else:
        print(summary_text(files, reject_file))
    if stop.requested:
        name = stop.signal.name if stop.signal is not None else "a stop request"
        print(
            f"coachloop import: interrupted by {name}: the counts above are the committed batches. Importing the same "
            "files again is safe; the metric figures are brought up to date by the next query or import.",
            file=sys.stderr,
        )
        return stop.exit_status
    return 0
