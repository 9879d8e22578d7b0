"""Changes to the daily rollup from changed fact rows: exact integer deltas. Pure.

Each fact row adds its measure contributions (as of a watermark) to one cell, keyed
by local day × agent × team × channel × category; a first response also adds its value
to the cell's sorted value list. A changed row removes its old contribution (at the
old watermark) and adds the new one (at the new watermark).
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from server.metrics.computations import FIRST_RESPONSES
from server.metrics.measures import PRESENCE, Source, contribution, measures_of
from server.metrics.models import ROLLUP_KEY
from server.metrics.values import decode_values, encode_values

Row = dict[str, Any]
CellKey = tuple[str, ...]
ROLLUP_MEASURES = tuple(measure.name for source in Source for measure in measures_of(source))


def cell_key(row: Mapping[str, Any]) -> CellKey:
    """The rollup cell of a fact row (absent agent, team, channel or category as ``''``)."""
    return tuple(row[column] or "" for column in ROLLUP_KEY)


@dataclass
class CellChange:
    """What one cell gains and loses."""

    week: str
    month: str
    sums: Counter[str] = field(default_factory=Counter)
    values: Counter[int] = field(default_factory=Counter)


class RollupDelta:
    """Accumulates the cell changes of many fact-row changes."""

    def __init__(self) -> None:
        self.cells: dict[CellKey, CellChange] = {}

    def _add(self, row: Row, source: Source, watermark_us: int | None, sign: int) -> None:
        key = cell_key(row)
        change = self.cells.setdefault(key, CellChange(row["bucket_week"], row["bucket_month"]))
        for name, amount in contribution(row, source, watermark_us).items():
            change.sums[name] += sign * amount
        if source is FIRST_RESPONSES.source and row[FIRST_RESPONSES.count_measure]:
            change.values[row[FIRST_RESPONSES.value_measure]] += sign

    def change(
        self, source: Source, old: Row | None, new: Row | None, old_watermark_us: int | None, new_watermark_us: int | None
    ) -> None:
        """Replace ``old``'s contribution (at the old watermark) with ``new``'s (at the new one)."""
        if old is not None:
            self._add(old, source, old_watermark_us, -1)
        if new is not None:
            self._add(new, source, new_watermark_us, +1)

    @property
    def days(self) -> set[str]:
        return {key[0] for key, change in self.cells.items() if not _is_noop(change)}

    def apply(self, stored: Mapping[CellKey, Row]) -> tuple[list[CellKey], list[Row]]:
        """Cells to delete and rows to write (replacing the stored ones), given the stored cells."""
        deleted: list[CellKey] = []
        written: list[Row] = []
        for key, change in sorted(self.cells.items()):
            if _is_noop(change):
                continue
            current = stored.get(key)
            updated = _updated_cell(key, change, current)
            if current is not None:
                deleted.append(key)
            if any(updated[name] for name in PRESENCE.values()):
                written.append(updated)
        return deleted, written


def _is_noop(change: CellChange) -> bool:
    return not any(change.sums.values()) and not any(change.values.values())


def _updated_cell(key: CellKey, change: CellChange, current: Row | None) -> Row:
    values = Counter(int(value) for value in decode_values(current["first_response_values"])) if current else Counter()
    values.update(change.values)
    if any(count < 0 for count in values.values()):
        raise ValueError(f"rollup cell {key} would lose a first-response value it does not hold")
    row: Row = dict(zip(ROLLUP_KEY, key, strict=True))
    row["bucket_week"], row["bucket_month"] = change.week, change.month
    for name in ROLLUP_MEASURES:
        row[name] = (int(current[name]) if current else 0) + change.sums.get(name, 0)
        if row[name] < 0:
            raise ValueError(f"rollup cell {key} would get a negative {name}")
    row["first_response_values"] = encode_values(values.elements())
    return row
