"""What happened to ingested events: one status per event, and the report of a whole import."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from server.ingestion.contract import FieldError, Rejection, ValidEvent

DEFAULT_KEPT_OUTCOMES = 1000


class EventStatus(StrEnum):
    """The outcome of one event."""

    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ItemOutcome:
    """One input item: its position (line number in a file, 0-based index otherwise), id, status, errors."""

    position: int
    id: str | None
    status: EventStatus
    errors: tuple[FieldError, ...] = ()
    source: str | None = None


@dataclass
class IngestReport:
    """Counts of an import, and the outcomes of rejected and conflicting items (the first ``kept_limit``)."""

    accepted: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    outcomes: list[ItemOutcome] = field(default_factory=list)
    outcomes_not_kept: int = 0
    kept_limit: int = DEFAULT_KEPT_OUTCOMES
    interrupted: bool = False
    """A stop request ended the import early: the counts are those of the committed batches."""

    def count(self, outcome: ItemOutcome) -> None:
        """Add one outcome: counted always, kept when it is a rejection or a conflict and room is left."""
        if outcome.status is EventStatus.ACCEPTED:
            self.accepted += 1
        elif outcome.status is EventStatus.DUPLICATE:
            self.duplicates += 1
        elif outcome.status is EventStatus.CONFLICT:
            self.conflicts += 1
        else:
            self.rejected += 1
        if outcome.status in (EventStatus.CONFLICT, EventStatus.REJECTED):
            if len(self.outcomes) < self.kept_limit:
                self.outcomes.append(outcome)
            else:
                self.outcomes_not_kept += 1

    def count_batch(
        self, items: Sequence[Any], parsed: Sequence[ValidEvent | Rejection], statuses: Sequence[EventStatus]
    ) -> None:
        """Count a written batch without building an outcome for each accepted or duplicate item.

        ``items`` are the batch's InputItems, ``parsed`` their ValidEvent/Rejection,
        ``statuses`` those of the valid events in order.
        """
        written = iter(statuses)
        for item, result in zip(items, parsed, strict=True):
            if isinstance(result, Rejection):
                self.count(ItemOutcome(item.position, result.id, EventStatus.REJECTED, result.errors, item.source))
                continue
            status = next(written)
            if status is EventStatus.ACCEPTED:
                self.accepted += 1
            elif status is EventStatus.DUPLICATE:
                self.duplicates += 1
            else:
                self.count(ItemOutcome(item.position, result.id, status, (), item.source))

    @property
    def total(self) -> int:
        return self.accepted + self.duplicates + self.conflicts + self.rejected

    @property
    def rejections(self) -> list[ItemOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status is EventStatus.REJECTED]

    @property
    def conflict_ids(self) -> list[str]:
        return [outcome.id for outcome in self.outcomes if outcome.status is EventStatus.CONFLICT and outcome.id]
