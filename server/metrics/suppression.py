"""Small-group suppression that holds against complementary queries (primary and secondary suppression).

What an aggregate-only reader can ask is a sum of **cells**: one local day × one team ×
one channel × one category (their ranges are whole local days and their filters and
groupings are sets of those values; hour buckets and agent filters are refused to them).
So every number they could ever obtain, across any number of queries, is a combination
of cells. A cell whose conversations come from 1 to k−1 distinct agents is *sensitive*.

Sensitive cells are joined into fixed **blocks** of at least k distinct agents, from the
data alone (never from the question asked), trying the narrowest grouping first:

1. the sensitive cells of one team on one day;
2. what is left of one team in one calendar month;
3. what is left of every team (in the reader's scope) in one calendar month.

What is still left (fewer than k agents in a month) cannot be protected by joining and
is never part of an answer. A row of an answer is shown only when, for every block, it
covers the whole block or none of it (and no unprotectable cell): every shown number is
then a sum of non-sensitive cells and whole blocks, so no combination of shown numbers
— sums, differences, any query with any filter — isolates a sensitive cell or any part of
a block smaller than the block. Shown numbers stay exact; withheld ones are withheld for
every key of the row. Cells with conversations but no agent (bot-only) hold nobody's
work and are not sensitive.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from server.metrics.request import Dimension


@dataclass(frozen=True, order=True)
class Cell:
    """The finest unit an aggregate-only reader's numbers are built from."""

    day: str
    team: str | None
    channel: str | None
    category: str | None

    def bucket(self, dimension: Dimension) -> str:
        """The day, week (its Monday) or month (its first day) this cell's day falls in."""
        day = date.fromisoformat(self.day)
        if dimension is Dimension.WEEK:
            return (day - timedelta(days=day.weekday())).isoformat()
        if dimension is Dimension.MONTH:
            return day.replace(day=1).isoformat()
        return self.day

    def key(self, group_by: Iterable[Dimension]) -> tuple[str | None, ...]:
        """The row of an answer grouped by ``group_by`` that this cell counts in."""
        parts: list[str | None] = []
        for dimension in group_by:
            if dimension is Dimension.TEAM:
                parts.append(self.team)
            elif dimension is Dimension.CHANNEL:
                parts.append(self.channel)
            elif dimension is Dimension.CATEGORY:
                parts.append(self.category)
            else:
                parts.append(self.bucket(dimension))
        return tuple(parts)


@dataclass(frozen=True)
class Blocks:
    """Sensitive cells joined into blocks of at least k agents, and the cells no block could protect."""

    block_of: Mapping[Cell, int]
    cells_of: Mapping[int, frozenset[Cell]]
    unprotectable: frozenset[Cell]

    def shows(self, covered: frozenset[Cell]) -> bool:
        """Whether a row made of ``covered`` cells may be shown: whole blocks only, nothing unprotectable."""
        if covered & self.unprotectable:
            return False
        touched = {self.block_of[cell] for cell in covered if cell in self.block_of}
        return all(self.cells_of[block] <= covered for block in touched)


def _month(cell: Cell) -> str:
    return cell.day[:7]


LEVELS = (
    ("team-day", lambda cell: (cell.team, cell.day)),
    ("team-month", lambda cell: (cell.team, _month(cell))),
    ("month", _month),
)
"""The groupings sensitive cells are joined by, narrowest first."""


def build_blocks(agents_by_cell: Mapping[Cell, frozenset[str]], minimum_agents: int) -> Blocks:
    """Join the sensitive cells of ``agents_by_cell`` into blocks of at least ``minimum_agents`` agents."""
    left = sorted(cell for cell, agents in agents_by_cell.items() if 0 < len(agents) < minimum_agents)
    block_of: dict[Cell, int] = {}
    cells_of: dict[int, frozenset[Cell]] = {}
    for _name, grouping in LEVELS:
        groups: dict[object, list[Cell]] = defaultdict(list)
        for cell in left:
            groups[grouping(cell)].append(cell)
        left = []
        for group in groups.values():
            agents = frozenset().union(*(agents_by_cell[cell] for cell in group))
            if len(agents) >= minimum_agents:
                block = len(cells_of)
                cells_of[block] = frozenset(group)
                block_of.update((cell, block) for cell in group)
            else:
                left.extend(group)
        left.sort()
    return Blocks(block_of, cells_of, frozenset(left))


def month_floor(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def month_ceiling(day: date) -> date:
    """``day`` when it starts a month, else the first day of the next month (an exclusive bound)."""
    if day.day == 1:
        return day
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def whole_months(first: date | None, last: date | None) -> tuple[date | None, date | None]:
    """The months a range ``[first, last)`` touches, as a range (None stays unbounded): where its blocks are built."""
    return (month_floor(first) if first is not None else None, month_ceiling(last) if last is not None else None)


def withheld_rows(
    blocks: Blocks, covered: Iterable[Cell], grouping: Sequence[Dimension], keys: Iterable[tuple[str | None, ...]],
) -> list[bool]:
    """For each answer row (its labels in ``grouping`` order), whether to withhold it: the cells it sums cut a block."""
    by_row: dict[tuple[str | None, ...], set[Cell]] = defaultdict(set)
    for cell in covered:
        by_row[cell.key(grouping)].add(cell)
    return [not blocks.shows(frozenset(by_row.get(key, ()))) for key in keys]
