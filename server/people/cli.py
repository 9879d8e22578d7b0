"""``coachloop users import FILE``: users from an HR system or identity provider (JSON Lines or CSV).

Exit status 0 when the import ran (rejected lines included), 2 when it could not start
(missing file, reject file not writable, unreachable database).
"""

import argparse
import asyncio
import json
import sys
from contextlib import ExitStack
from typing import TextIO, cast

from sqlalchemy.exc import SQLAlchemyError

from server.config import get_settings
from server.db import create_engine, create_sessionmaker
from server.people.bulk import UserImportReport, import_users
from server.timefmt import now_us


class CannotRun(Exception):
    """The import cannot start; the message says why."""


def _open(stack: ExitStack, name: str, mode: str) -> TextIO:
    try:
        stream = cast(TextIO, stack.enter_context(open(name, mode, encoding="utf-8", newline="")))  # noqa: SIM115
    except OSError as error:
        raise CannotRun(f"cannot {'read' if mode == 'r' else 'write'} {name}: {error.strerror}") from error
    return stream


async def _import(arguments: argparse.Namespace) -> UserImportReport:
    csv_format = arguments.format == "csv" or (arguments.format is None and arguments.file.lower().endswith(".csv"))
    with ExitStack() as stack:
        source = _open(stack, arguments.file, "r")
        rejects = _open(stack, arguments.reject_file, "w") if arguments.reject_file else None
        engine = create_engine(get_settings())
        try:
            return await import_users(
                create_sessionmaker(engine), source, csv_format=csv_format, now_us=now_us(), rejects=rejects
            )
        finally:
            await engine.dispose()


def run_import(arguments: argparse.Namespace) -> int:
    try:
        report = asyncio.run(_import(arguments))
    except CannotRun as problem:
        print(f"coachloop users import: {problem}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"coachloop users import: the database failed: {getattr(error, 'orig', None) or error}", file=sys.stderr)
        return 2
    summary = report.as_json()
    if arguments.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"{summary['created']} created, {summary['updated']} updated, {summary['unchanged']} unchanged, "
              f"{summary['rejected']} rejected")
        for rejection in report.rejections:
            for reason in rejection.problems:
                print(f"  line {rejection.line}: {reason.code} ({reason.field or 'line'}): {reason.message}")
    return 0
