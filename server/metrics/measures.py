"""Measures: the integer sums every metric is computed from, one column per name.

A fact row carries its own contribution to each measure (a conversation has
``conversations = 1``, ``handle_us`` = its handle time, ...). A group's measure is the
sum over its fact rows, so the same columns add up in the fact tables and in the
daily rollup, and every metric value is a function of a group's sums. Windowed
measures count only once the row's repeat window has closed by the watermark.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, case, func
from sqlalchemy.sql.elements import ColumnElement


class Source(StrEnum):
    """Which fact rows a measure sums over."""

    CONVERSATION = "conversation"
    INTERVAL = "interval"
    SEARCH = "search"


@dataclass(frozen=True)
class Measure:
    name: str
    source: Source
    windowed: bool = False


CONVERSATION, INTERVAL, SEARCH = Source.CONVERSATION, Source.INTERVAL, Source.SEARCH
MEASURES: tuple[Measure, ...] = (
    Measure("conversations", CONVERSATION),
    Measure("handled", CONVERSATION),
    Measure("handle_us", CONVERSATION),
    Measure("queue_waits", CONVERSATION),
    Measure("queue_wait_us", CONVERSATION),
    Measure("service_level_population", CONVERSATION),
    Measure("service_level_met", CONVERSATION),
    Measure("abandon_population", CONVERSATION),
    Measure("abandoned", CONVERSATION),
    Measure("transferred", CONVERSATION),
    Measure("transits", CONVERSATION),
    Measure("transit_us", CONVERSATION),
    Measure("fcr_population", CONVERSATION, windowed=True),
    Measure("fcr_resolved", CONVERSATION, windowed=True),
    Measure("repeated", CONVERSATION, windowed=True),
    Measure("self_service_population", CONVERSATION),
    Measure("self_served", CONVERSATION),
    Measure("csat_responses", CONVERSATION),
    Measure("csat_sum", CONVERSATION),
    Measure("csat_top2", CONVERSATION),
    Measure("nps_responses", CONVERSATION),
    Measure("nps_promoters", CONVERSATION),
    Measure("nps_detractors", CONVERSATION),
    Measure("response_intervals", INTERVAL),
    Measure("response_us", INTERVAL),
    Measure("first_responses", INTERVAL),
    Measure("first_response_us", INTERVAL),
    Measure("kb_searches", SEARCH),
    Measure("kb_hits", SEARCH),
    Measure("kb_time_to_hit_us", SEARCH),
)
MEASURES_BY_NAME = {measure.name: measure for measure in MEASURES}
PRESENCE = {CONVERSATION: "conversations", INTERVAL: "response_intervals", SEARCH: "kb_searches"}
"""The measure that is 1 on every fact row of a source: a group exists when one is positive."""

CLOSE_COLUMN = "close_us"
"""Conversation column: end + repeat window for handled conversations, else null."""


def measures_of(source: Source) -> tuple[Measure, ...]:
    return tuple(measure for measure in MEASURES if measure.source is source)


def is_closed(row: Mapping[str, Any], watermark_us: int | None) -> bool:
    close_us = row.get(CLOSE_COLUMN)
    return close_us is not None and watermark_us is not None and close_us <= watermark_us


def contribution(row: Mapping[str, Any], source: Source, watermark_us: int | None) -> dict[str, int]:
    """A fact row's contribution to each measure of its source, as of ``watermark_us``."""
    closed = is_closed(row, watermark_us)
    return {
        measure.name: (row[measure.name] if closed or not measure.windowed else 0) for measure in measures_of(source)
    }


def row_value(table: Table, measure: Measure, watermark_us: int | None) -> ColumnElement[Any]:
    """SQL of a fact row's contribution to a measure, as of ``watermark_us``."""
    column = table.c[measure.name]
    if not measure.windowed:
        return column
    if watermark_us is None:
        return column * 0
    return case((table.c[CLOSE_COLUMN] <= watermark_us, column), else_=0)


def summed(table: Table, measure: Measure, watermark_us: int | None, *, evaluated: bool) -> ColumnElement[Any]:
    """SQL sum of a measure over a table's rows; ``evaluated``: windows already applied (rollup)."""
    column = table.c[measure.name] if evaluated else row_value(table, measure, watermark_us)
    return func.coalesce(func.sum(column), 0)
