"""A ``metrics`` answer as CSV: RFC 4180, UTF-8 with a byte-order mark, formula-safe cells, headers in the reader's language.

The rows are the GraphQL answer itself (``EXPORT_DOCUMENT``), so the file holds exactly
what the caller's ``metrics`` query would: the same ids, pseudonyms, withheld values.
Columns: one per dimension asked for (in ``MetricDimension`` order), one per metric (in
catalogue order; counts as integers), then whether the row's values were withheld.
"""

import csv
import io
from collections.abc import Sequence
from typing import Any

from server.kernel.language import Language, pick
from server.metrics.definitions import METRICS, METRICS_BY_KEY
from server.metrics.formats import BOM, csv_cell
from server.metrics.request import DIMENSION_ORDER, Dimension

EXPORT_DOCUMENT = """
query MetricsExport($filter: MetricsFilterInput, $groupBy: [MetricDimension!], $metrics: [MetricKey!]) {
  metrics(filter: $filter, groupBy: $groupBy, metrics: $metrics) {
    agentId agentPseudonym teamId channel category bucketStart bucketDate suppressed
    values { key value count }
  }
}
"""

DIMENSION_LABELS = {
    Dimension.AGENT: ("Agent", "坐席"),
    Dimension.TEAM: ("Team", "团队"),
    Dimension.CHANNEL: ("Channel", "渠道"),
    Dimension.CATEGORY: ("Category", "类别"),
    Dimension.HOUR: ("Hour", "小时"),
    Dimension.DAY: ("Day", "日"),
    Dimension.WEEK: ("Week", "周"),
    Dimension.MONTH: ("Month", "月"),
}
WITHHELD_LABEL = ("Withheld", "已隐藏")


def _label(language: Language, labels: tuple[str, str]) -> str:
    return pick(language, en=labels[0], zh=labels[1])


def dimensions_of(group_by: Sequence[str] | None) -> list[Dimension]:
    """The dimensions asked for (GraphQL enum names), in the order rows carry them."""
    asked = {name.upper() for name in group_by or ()}
    return [dimension for dimension in DIMENSION_ORDER if dimension.name in asked]


def _dimension_cell(row: dict[str, Any], dimension: Dimension) -> object:
    if dimension is Dimension.AGENT:
        return row["agentId"] if row["agentId"] is not None else row["agentPseudonym"]
    if dimension is Dimension.TEAM:
        return row["teamId"]
    if dimension is Dimension.HOUR:
        return row["bucketStart"]
    if dimension in (Dimension.DAY, Dimension.WEEK, Dimension.MONTH):
        return row["bucketDate"]
    return row[dimension.value]


def keys_of(metrics: Sequence[str] | None) -> list[str]:
    """The metric keys asked for (GraphQL enum names; all when None), in catalogue order."""
    asked = None if metrics is None else {name.lower() for name in metrics}
    return [definition.key for definition in METRICS if asked is None or definition.key in asked]


def render_metrics_csv(
    rows: Sequence[dict[str, Any]], group_by: Sequence[str] | None, metrics: Sequence[str] | None, language: Language
) -> bytes:
    """The GraphQL rows of ``EXPORT_DOCUMENT`` as CSV bytes (BOM first, CRLF line ends)."""
    dimensions = dimensions_of(group_by)
    keys = keys_of(metrics)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [_label(language, DIMENSION_LABELS[dimension]) for dimension in dimensions]
    header += [
        pick(language, en=METRICS_BY_KEY[key].label_en, zh=METRICS_BY_KEY[key].label_zh) for key in keys
    ]
    writer.writerow([csv_cell(text) for text in [*header, _label(language, WITHHELD_LABEL)]])
    for row in rows:
        cells: list[object] = [_dimension_cell(row, dimension) for dimension in dimensions]
        cells += [value["count"] if value["count"] is not None else value["value"] for value in row["values"]]
        writer.writerow([csv_cell(cell) for cell in [*cells, row["suppressed"]]])
    return (BOM + buffer.getvalue()).encode("utf-8")
