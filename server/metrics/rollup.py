"""Changes to the daily rollup from changed fact rows: exact integer deltas. Pure.

Each fact row adds its measure contributions (as of a watermark) to one cell of every
grain; a first response also adds its value to the cells' sorted value lists. A changed
row removes its old contribution (at the old watermark) and adds the new one (at the
new watermark); when both fall in the same cell only the difference is applied.
"""

from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np

from server.metrics.computations import FIRST_RESPONSES
from server.metrics.grains import GRAINS, CellKey
from server.metrics.measures import PRESENCE, Source, is_closed, measures_of
from server.metrics.models import ROLLUP_KEY
from server.metrics.values import VALUE_TYPE, decode_values

Row = dict[str, Any]
ROLLUP_MEASURES = tuple(measure.name for source in Source for measure in measures_of(source))
_POSITIONS = {name: index for index, name in enumerate(ROLLUP_MEASURES)}
_LAYOUT = {
    source: tuple((_POSITIONS[measure.name], measure.name, measure.windowed) for measure in measures_of(source))
    for source in Source
}
_PRESENCE_POSITIONS = tuple(_POSITIONS[name] for name in PRESENCE.values())


def contributions(row: Mapping[str, Any], source: Source, watermark_us: int | None) -> list[tuple[int, int]]:
    """(measure position, amount) of a fact row, as of ``watermark_us``."""
    closed = is_closed(row, watermark_us)
    return [(position, row[name] if closed or not windowed else 0) for position, name, windowed in _LAYOUT[source]]


def first_response_value(row: Mapping[str, Any], source: Source) -> int | None:
    if source is FIRST_RESPONSES.source and row[FIRST_RESPONSES.count_measure]:
        return int(row[FIRST_RESPONSES.value_measure])
    return None


class RollupDelta:
    """Accumulates, per cell, the change of every measure and of the first-response values."""

    def __init__(self) -> None:
        self.sums: dict[CellKey, list[int]] = {}
        self.values: dict[CellKey, Counter[int]] = {}
        self.periods: dict[CellKey, tuple[str, str]] = {}

    def _cell(self, key: CellKey, row: Mapping[str, Any]) -> list[int]:
        cell = self.sums.get(key)
        if cell is None:
            cell = self.sums[key] = [0] * len(ROLLUP_MEASURES)
            self.periods[key] = (row["bucket_week"], row["bucket_month"])
        return cell

    def _value(self, key: CellKey, value: int | None, sign: int) -> None:
        if value is not None:
            self.values.setdefault(key, Counter())[value] += sign

    def change(
        self, source: Source, old: Row | None, new: Row | None, old_watermark_us: int | None, new_watermark_us: int | None
    ) -> None:
        """Replace ``old``'s contribution (at the old watermark) with ``new``'s (at the new one)."""
        if old_watermark_us == new_watermark_us and old == new:
            return
        before = contributions(old, source, old_watermark_us) if old is not None else []
        after = contributions(new, source, new_watermark_us) if new is not None else []
        value_before = first_response_value(old, source) if old is not None else None
        value_after = first_response_value(new, source) if new is not None else None
        difference = [(position, amount - was) for (position, amount), (_, was) in zip(after, before, strict=False)]
        for grain in GRAINS:
            old_key = grain.key(old) if old is not None else None
            new_key = grain.key(new) if new is not None else None
            if old_key is not None and old_key == new_key:
                cell = self._cell(new_key, new)  # type: ignore[arg-type]
                for position, amount in difference:
                    if amount:
                        cell[position] += amount
                if value_before != value_after:
                    self._value(new_key, value_before, -1)
                    self._value(new_key, value_after, +1)
                continue
            if old_key is not None:
                cell = self._cell(old_key, old)  # type: ignore[arg-type]
                for position, amount in before:
                    cell[position] -= amount
                self._value(old_key, value_before, -1)
            if new_key is not None:
                cell = self._cell(new_key, new)  # type: ignore[arg-type]
                for position, amount in after:
                    cell[position] += amount
                self._value(new_key, value_after, +1)

    def changed_keys(self) -> list[CellKey]:
        """Cells whose sums or values change."""
        return sorted(
            key for key in self.sums
            if any(self.sums[key]) or any(self.values.get(key, Counter()).values())
        )

    def apply(self, stored: Mapping[CellKey, Row]) -> tuple[list[CellKey], list[Row]]:
        """Cells to delete and rows to write (replacing the stored ones), given the stored changed cells."""
        deleted: list[CellKey] = []
        written: list[Row] = []
        for key in self.changed_keys():
            current = stored.get(key)
            updated = self._updated(key, current)
            if current is not None:
                deleted.append(key)
            if any(updated[ROLLUP_MEASURES[position]] for position in _PRESENCE_POSITIONS):
                written.append(updated)
        return deleted, written

    def _updated(self, key: CellKey, current: Row | None) -> Row:
        row: Row = dict(zip(ROLLUP_KEY, key, strict=True))
        row["bucket_week"], row["bucket_month"] = self.periods[key]
        for name, amount in zip(ROLLUP_MEASURES, self.sums[key], strict=True):
            row[name] = (int(current[name]) if current else 0) + amount
            if row[name] < 0:
                raise ValueError(f"rollup cell {key} would get a negative {name}")
        values = decode_values(current["first_response_values"] if current else None)
        row["first_response_values"] = _updated_values(key, values, self.values.get(key, Counter()))
        return row


def _updated_values(key: CellKey, values: np.ndarray, change: Counter[int]) -> bytes:
    added = sorted(value for value, count in change.items() if count > 0 for _ in range(count))
    if added:
        values = np.sort(np.concatenate([values, np.array(added, dtype=VALUE_TYPE)]), kind="stable")
    removed = [(value, -count) for value, count in change.items() if count < 0]
    if removed:
        drop: list[int] = []
        for value, count in removed:
            start = int(np.searchsorted(values, value, side="left"))
            if start + count > len(values) or not (values[start : start + count] == value).all():
                raise ValueError(f"rollup cell {key} would lose a first-response value it does not hold")
            drop.extend(range(start, start + count))
        values = np.delete(values, drop)
    return values.astype(VALUE_TYPE).tobytes()
