"""Importing a file of users: each valid line stored (created, updated or unchanged), each bad one rejected with its reasons.

Importing the same file twice changes nothing the second time (every line is
``unchanged``). Rejected lines go to the reject file unchanged, one per line (a CSV
reject file starts with the header, so it can be fixed and imported again).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.identity import Principal
from server.db import transaction
from server.people.importing import ImportRejection, LineProblem, parse_csv_line, parse_json_line, read_line
from server.people.records import FieldProblem, UserRecord
from server.people.service import Actor, StoreResult, store_user

IMPORT_ACTOR = Principal(subject="coachloop-users-import", roles=frozenset({"admin"}))
BATCH_SIZE = 200


@dataclass
class UserImportReport:
    """Counts per outcome, and each rejected line with its reasons."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[ImportRejection] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejections),
            "rejections": [
                {"line": rejection.line, "problems": [vars(problem) for problem in rejection.problems]}
                for rejection in self.rejections
            ],
        }


def _records(lines: Iterable[str], csv_format: bool, report: UserImportReport, rejects: TextIO | None) -> Iterable[UserRecord]:
    header: list[str] | None = None
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        if csv_format and header is None:
            header = [name.strip() for name in text.split(",")]
            if rejects is not None:
                rejects.write(text + "\n")
            continue
        try:
            fields = parse_csv_line(header or [], text) if csv_format else parse_json_line(text)
            found = read_line(fields)
        except LineProblem as problem:
            found = (problem.problem,)
        if isinstance(found, UserRecord) and found.user_id in seen:
            found = (FieldProblem("user_id", "duplicate_user", f"{found.user_id} appears earlier in this file"),)
        if isinstance(found, UserRecord):
            seen.add(found.user_id)
            yield found
            continue
        report.rejections.append(ImportRejection(number, found))
        if rejects is not None:
            rejects.write(text + "\n")


async def import_users(
    sessionmaker: async_sessionmaker[AsyncSession],
    lines: Iterable[str],
    *,
    csv_format: bool,
    now_us: int,
    rejects: TextIO | None = None,
) -> UserImportReport:
    """Store every valid user of ``lines`` (in transactions of BATCH_SIZE users); reject the rest with reasons."""
    report = UserImportReport()
    actor = Actor(IMPORT_ACTOR, f"users-import-{uuid.uuid4().hex[:12]}")
    batch: list[UserRecord] = []
    for record in _records(lines, csv_format, report, rejects):
        batch.append(record)
        if len(batch) >= BATCH_SIZE:
            await _store(sessionmaker, batch, actor, report, now_us)
            batch = []
    await _store(sessionmaker, batch, actor, report, now_us)
    return report


async def _store(
    sessionmaker: async_sessionmaker[AsyncSession], batch: list[UserRecord], actor: Actor, report: UserImportReport, now_us: int
) -> None:
    if not batch:
        return
    async with transaction(sessionmaker) as session:
        for record in batch:
            result = await store_user(session, record, actor, now_us=now_us)
            if result is StoreResult.CREATED:
                report.created += 1
            elif result is StoreResult.UPDATED:
                report.updated += 1
            else:
                report.unchanged += 1
