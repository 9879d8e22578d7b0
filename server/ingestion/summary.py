"""The end of an import: per-file reports added up, as a human summary or one JSON object."""

from dataclasses import dataclass
from typing import Any

from server.ingestion.outcomes import IngestReport, ItemOutcome

JSON_LIST_LIMIT = 100
PRINTED_LIST_LIMIT = 20


@dataclass(frozen=True)
class FileReport:
    source: str
    report: IngestReport


def _totals(files: list[FileReport]) -> dict[str, int]:
    return {
        "accepted": sum(item.report.accepted for item in files),
        "duplicates": sum(item.report.duplicates for item in files),
        "conflicts": sum(item.report.conflicts for item in files),
        "rejected": sum(item.report.rejected for item in files),
    }


def _rejections(files: list[FileReport]) -> list[ItemOutcome]:
    return [outcome for item in files for outcome in item.report.rejections]


def _conflict_ids(files: list[FileReport]) -> list[str]:
    return [event_id for item in files for event_id in item.report.conflict_ids]


def rejection_json(outcome: ItemOutcome) -> dict[str, Any]:
    return {
        "file": outcome.source,
        "line": outcome.position,
        "id": outcome.id,
        "errors": [{"field": error.field, "code": error.code, "message": error.message} for error in outcome.errors],
    }


def summary_json(files: list[FileReport], reject_file: str | None) -> dict[str, Any]:
    """accepted, duplicates, conflicts, rejected (ints), then per-file counts and capped lists."""
    totals = _totals(files)
    rejections = _rejections(files)[:JSON_LIST_LIMIT]
    conflict_ids = _conflict_ids(files)[:JSON_LIST_LIMIT]
    return {
        **totals,
        "files": [{"file": item.source, **_totals([item])} for item in files],
        "rejections": [rejection_json(outcome) for outcome in rejections],
        "rejections_not_listed": totals["rejected"] - len(rejections),
        "conflict_ids": conflict_ids,
        "conflicts_not_listed": totals["conflicts"] - len(conflict_ids),
        "reject_file": reject_file,
        "interrupted": any(item.report.interrupted for item in files),
    }


def _describe(outcome: ItemOutcome) -> str:
    reasons = "; ".join(f"{error.field or '(line)'}: {error.code} — {error.message}" for error in outcome.errors)
    return f"  {outcome.source}:{outcome.position}  id={outcome.id or '-'}  {reasons}"


def summary_text(files: list[FileReport], reject_file: str | None) -> str:
    """A few lines for a person: the counts, then rejections (file:line, id, fields, reason) and conflicts."""
    totals = _totals(files)
    noun = "file" if len(files) == 1 else "files"
    verb = "Interrupted: imported" if any(item.report.interrupted for item in files) else "Imported"
    lines = [
        f"{verb} {len(files)} {noun}: {totals['accepted']} accepted, {totals['duplicates']} duplicates, "
        f"{totals['conflicts']} conflicts, {totals['rejected']} rejected."
    ]
    rejections = _rejections(files)
    if totals["rejected"]:
        lines.append("Rejected:")
        lines.extend(_describe(outcome) for outcome in rejections[:PRINTED_LIST_LIMIT])
        more = totals["rejected"] - min(len(rejections), PRINTED_LIST_LIMIT)
        if more:
            lines.append(f"  … and {more} more rejected lines")
        if reject_file:
            lines.append(f"Rejected lines were written unchanged to {reject_file}.")
    conflict_ids = _conflict_ids(files)
    if totals["conflicts"]:
        listed = ", ".join(conflict_ids[:PRINTED_LIST_LIMIT])
        more = totals["conflicts"] - min(len(conflict_ids), PRINTED_LIST_LIMIT)
        suffix = f" … and {more} more" if more else ""
        lines.append(f"Conflicts (same id, different content; the first version is kept): {listed}{suffix}")
    return "\n".join(lines)
