"""The sub-commands of ``coachloop report`` and ``coachloop metrics``: arguments only; the work lives in cli.py, imported when a command runs."""

import argparse
from typing import Any

from server.kernel.feature import Ref

FORMAT_NAMES = ("csv", "json", "table")
"""The report formats (server/metrics/formats.py RENDERERS has one renderer each)."""


def register(subcommands: "argparse._SubParsersAction[Any]") -> None:  # noqa: SLF001
    """Add the sub-commands; each handler is imported only when its command runs."""
    report = subcommands.add_parser(
        "report",
        help="print metrics (any grouping) as JSON, CSV or a table",
        description="Metrics of docs/metrics.md over a date range, grouped as asked. Dates without "
        "offset are in the organisation's time zone (COACHLOOP_TIMEZONE); --from is inclusive, --to exclusive.",
    )
    report.add_argument("--from", dest="from_", metavar="DATE", help="start (YYYY-MM-DD or ISO 8601 timestamp)")
    report.add_argument("--to", metavar="DATE", help="end, exclusive (YYYY-MM-DD or ISO 8601 timestamp)")
    report.add_argument("--group-by", default="", metavar="DIMS",
                        help="comma-separated: agent, team, channel, category and at most one of hour, day, week, month")
    report.add_argument("--metrics", metavar="KEYS", help="comma-separated metric keys (default: all, catalogue order)")
    report.add_argument("--teams", metavar="IDS", help="only these team ids (comma-separated)")
    report.add_argument("--agents", metavar="IDS", help="only these agent ids (comma-separated)")
    report.add_argument("--channels", metavar="NAMES", help="only these channels (comma-separated)")
    report.add_argument("--categories", metavar="NAMES", help="only these categories (comma-separated)")
    report.add_argument("--format", choices=FORMAT_NAMES, default="table", help="output format (default: table, rounded by unit for reading; json and csv keep every digit)")
    report.set_defaults(handler=Ref("server.metrics.cli:run_report"))

    metrics = subcommands.add_parser("metrics", help="maintain the metric facts")
    actions = metrics.add_subparsers(dest="metrics_command", required=True, metavar="ACTION")
    rebuild = actions.add_parser(
        "rebuild", help="recompute every metric fact from the stored events (e.g. after changing COACHLOOP_TIMEZONE)"
    )
    rebuild.set_defaults(handler=Ref("server.metrics.cli:run_rebuild"))
