"""Do coachloop's dashboard rows and DuckDB's rows give the same numbers?"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from server.metrics.definitions import METRIC_KEYS

ROW_KEY = ("team_id", "bucket")
CHECKED_KEYS = ("conversations", "handled", "csat_avg")
"""The keys whose agreement the benchmark requires; every other key is compared and reported too."""
RELATIVE_TOLERANCE = 1e-9


@dataclass
class Comparison:
    """Rows only one side has, and per metric key the cells that differ."""

    rows: int = 0
    only_coachloop: list[tuple[object, ...]] = field(default_factory=list)
    only_duckdb: list[tuple[object, ...]] = field(default_factory=list)
    mismatches: dict[str, list[tuple[tuple[object, ...], object, object]]] = field(default_factory=dict)

    def agrees(self, keys: Iterable[str] = METRIC_KEYS) -> bool:
        """Same rows, and the same value of every one of ``keys`` in each."""
        return not self.only_coachloop and not self.only_duckdb and not any(self.mismatches.get(key) for key in keys)


def same_value(left: object, right: object) -> bool:
    if left is None or right is None:
        return left is None and right is None
    return math.isclose(float(left), float(right), rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9)  # type: ignore[arg-type]


def compare_rows(coachloop: Iterable[Mapping[str, object]], duckdb: Iterable[Mapping[str, object]]) -> Comparison:
    """Match rows by (team_id, bucket) and compare every metric key."""
    ours = {tuple(row[name] for name in ROW_KEY): row for row in coachloop}
    theirs = {tuple(row[name] for name in ROW_KEY): row for row in duckdb}
    comparison = Comparison(rows=len(ours))
    comparison.only_coachloop = sorted(set(ours) - set(theirs), key=str)
    comparison.only_duckdb = sorted(set(theirs) - set(ours), key=str)
    for key in sorted(set(ours) & set(theirs), key=str):
        for metric in METRIC_KEYS:
            if not same_value(ours[key].get(metric), theirs[key].get(metric)):
                comparison.mismatches.setdefault(metric, []).append((key, ours[key].get(metric), theirs[key].get(metric)))
    return comparison
