"""``coachloop report --format table`` rounds by unit for display; JSON and CSV keep every digit."""

import csv
import io
import json

from server.metrics.computations import MetricValue
from server.metrics.formats import render_csv, render_json, render_table
from server.metrics.request import MetricRow, MetricsRequest

KEYS = ["conversations", "first_response_avg_s", "service_level", "csat_avg", "nps"]
VALUES = {"conversations": 3, "first_response_avg_s": 37.266666666666666, "service_level": 2 / 3,
          "csat_avg": 13 / 3, "nps": 100 / 3}


def one_row() -> tuple[list[MetricRow], MetricsRequest]:
    request = MetricsRequest.of(group_by=["channel"], metrics=KEYS)
    values = {key: MetricValue(VALUES[key], 3) for key in request.metrics}
    return [MetricRow({"channel": "chat"}, values)], request


def test_the_table_rounds_seconds_shares_scores_and_nps() -> None:
    lines = render_table(*one_row()).splitlines()
    assert lines[0].split() == ["channel", *one_row()[1].metrics]
    cells = dict(zip(lines[0].split(), lines[2].split(), strict=True))
    assert cells == {
        "channel": "chat", "conversations": "3", "first_response_avg_s": "37.3",
        "service_level": "0.6667", "csat_avg": "4.33", "nps": "33.3",
    }


def test_json_and_csv_keep_every_digit() -> None:
    as_json = json.loads(render_json(*one_row()))
    assert as_json == [{"channel": "chat", **VALUES}]
    header, row = list(csv.reader(io.StringIO(render_csv(*one_row())[1:], newline="")))
    assert dict(zip(header, row, strict=True)) == {
        "channel": "chat", **{key: repr(value) for key, value in VALUES.items()}
    }
