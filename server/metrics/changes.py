"""Fact-row changes of one sync: old and new version of each touched row, by primary key."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from server.metrics.measures import Source
from server.metrics.repository import primary_key_of
from server.metrics.rollup import RollupDelta

Row = dict[str, Any]
Key = tuple[Any, ...]


@dataclass
class TableChanges:
    """Per primary key: (stored row or None, row to store or None)."""

    table: Table
    source: Source
    rows: dict[Key, tuple[Row | None, Row | None]] = field(default_factory=dict)

    def replace(self, old: Row | None, new: Row | None) -> None:
        """Record that ``old`` (as stored) becomes ``new``; the first recorded old version is kept."""
        if old is None and new is None:
            return
        key = primary_key_of(self.table, old if old is not None else new)  # type: ignore[arg-type]
        stored = self.rows[key][0] if key in self.rows else old
        self.rows[key] = (stored, new)

    def effective(self) -> dict[Key, tuple[Row | None, Row | None]]:
        """The changes that alter a stored row."""
        return {key: pair for key, pair in self.rows.items() if pair[0] != pair[1]}

    def deleted_keys(self) -> list[Key]:
        return [key for key, (old, _new) in self.effective().items() if old is not None]

    def written_rows(self) -> list[Row]:
        return [new for _old, new in self.effective().values() if new is not None]

    def add_to(self, delta: RollupDelta, old_watermark_us: int | None, new_watermark_us: int | None) -> None:
        for old, new in self.rows.values():
            delta.change(self.source, old, new, old_watermark_us, new_watermark_us)
