"""Rollup grains: which label dimensions a rollup cell keeps, and the cell of a fact row. Pure.

Every fact row adds to one cell of each grain, keyed by its local day, the labels the
grain keeps (absent ones as ``''``), and two flags the counting rules need even where
the labels are summed away: ``attributed`` (the row has an agent: a conversation with a
final agent, every interval and search) and ``labelled`` (the row has a channel and
category: every conversation and interval, a search of a known conversation).
A query reads the coarsest grain that keeps every label it groups, filters or is scoped by.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

LABEL_COLUMNS = ("agent_id", "team_id", "channel", "category")
CellKey = tuple[Any, ...]


@dataclass(frozen=True)
class Grain:
    name: str
    keeps: frozenset[str]

    def key(self, row: Mapping[Any, Any]) -> CellKey:
        """The cell of a fact row (or of a stored rollup row, whose labels are already ``''`` when absent)."""
        labels = tuple((row[column] or "") if column in self.keeps else "" for column in LABEL_COLUMNS)
        return (self.name, row["bucket_day"], *labels, _attributed(row), _labelled(row))

    def answers(self, labels: Collection[str]) -> bool:
        return set(labels) <= self.keeps


def _attributed(row: Mapping[str, Any]) -> bool:
    return bool(row["attributed"]) if "attributed" in row else row["agent_id"] is not None


def _labelled(row: Mapping[str, Any]) -> bool:
    return bool(row["labelled"]) if "labelled" in row else row["channel"] is not None


TEAM = Grain("team", frozenset({"team_id"}))
AGENT = Grain("agent", frozenset({"agent_id", "team_id"}))
LABEL = Grain("label", frozenset({"channel", "category"}))
GRAINS = (TEAM, AGENT, LABEL)
"""Coarsest first: the first one that answers a query is read. A query mixing who (agent,
team) with what (channel, category) reads the fact tables: cells of every label at once
would hold a few conversations each, so they would cost as much to keep as they save."""


def grain_for(labels: Collection[str]) -> Grain | None:
    """The coarsest grain keeping every label in ``labels`` (columns of LABEL_COLUMNS); None: none does."""
    return next((grain for grain in GRAINS if grain.answers(labels)), None)
