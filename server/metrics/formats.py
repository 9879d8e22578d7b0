"""Metric rows as JSON, CSV (UTF-8 with BOM, spreadsheet-safe) or an aligned text table."""

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

from server.metrics.definitions import METRICS_BY_KEY, Unit
from server.metrics.request import MetricRow, MetricsRequest

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these would be read as a formula by a spreadsheet."""
EMPTY = "—"


def columns_of(request: MetricsRequest) -> list[str]:
    """Dimension keys asked for, then metric keys in catalogue order."""
    return [*request.row_keys, *request.metrics]


def render_json(rows: Sequence[MetricRow], request: MetricsRequest) -> str:
    """An array of row objects with exactly the spec's keys; null where undefined."""
    return json.dumps([row.record() for row in rows], ensure_ascii=False, indent=2) + "\n"


def csv_cell(value: object) -> str:
    """One CSV cell: empty for null, numbers as numbers, text starting like a formula prefixed with `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def render_csv(rows: Sequence[MetricRow], request: MetricsRequest) -> str:
    """RFC 4180 CSV with a byte-order mark; numbers stay numbers, formula-like text is neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = columns_of(request)
    writer.writerow(columns)
    for row in rows:
        record = row.record()
        writer.writerow([csv_cell(record[column]) for column in columns])
    return BOM + buffer.getvalue()


def display_width(text: str) -> int:
    """Columns a terminal uses: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(character) in ("W", "F") else 1 for character in text)


DISPLAY_DECIMALS = {Unit.SECONDS: 1, Unit.SHARE: 4, Unit.SCORE: 2, Unit.NPS: 1}
"""Decimals a table shows per unit (display only: JSON and CSV keep every digit)."""


def _table_cell(value: object, column: str) -> str:
    if value is None:
        return EMPTY
    if not isinstance(value, float):
        return str(value)
    definition = METRICS_BY_KEY.get(column)
    decimals = DISPLAY_DECIMALS.get(definition.unit) if definition is not None else None
    return repr(value if decimals is None else round(value, decimals))


def render_table(rows: Sequence[MetricRow], request: MetricsRequest) -> str:
    """Columns aligned for reading in a terminal: text left, numbers right and rounded by unit (DISPLAY_DECIMALS)."""
    columns = columns_of(request)
    numeric = {column: column in request.metrics for column in columns}
    cells = [columns] + [[_table_cell(row.record()[column], column) for column in columns] for row in rows]
    widths = [max(display_width(line[index]) for line in cells) for index in range(len(columns))]

    def line(values: list[str]) -> str:
        parts = []
        for column, value, width in zip(columns, values, widths, strict=True):
            padding = " " * (width - display_width(value))
            parts.append(padding + value if numeric[column] else value + padding)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(values) for values in cells[1:])]) + "\n"


RENDERERS = {"json": render_json, "csv": render_csv, "table": render_table}
