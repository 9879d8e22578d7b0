"""Metric facts: derived tables, rebuilt from the event tables at any time.

- ``metric_conversation``: one row per conversation (its ``started`` known);
- ``metric_response_interval``: one row per response interval, with its conversation's labels;
- ``metric_kb_search``: one row per search id;
- ``metric_daily_rollup``: the measure sums per grain (``server.metrics.grains``) × local
  day × the labels the grain keeps (absent ones stored as ``''``) × attributed × labelled,
  with the sorted first-response values;
- ``metric_agent``: a fingerprint of each agent's team history (re-attribution);
- ``metric_state``: the settings and watermark the facts were built with, and the lease of a
  bulk import that owes their upkeep (one row).

Measure columns are generated from ``server.metrics.measures`` so the facts and the
rollup always carry the same sums.
"""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Integer, LargeBinary, String, Table
from sqlmodel import SQLModel

from server.columns import ID_LENGTH
from server.metrics.measures import CLOSE_COLUMN, Source, measures_of

METADATA = SQLModel.metadata
BUCKET_LENGTH = 32
LABEL_LENGTH = 128


def _id(name: str, **options: Any) -> Column:
    return Column(name, String(ID_LENGTH), **options)


def _label(name: str, **options: Any) -> Column:
    return Column(name, String(LABEL_LENGTH), **options)


def _buckets() -> list[Column]:
    return [Column(f"bucket_{unit}", String(BUCKET_LENGTH), nullable=False) for unit in ("hour", "day", "week", "month")]


def _measures(*sources: Source) -> list[Column]:
    return [
        Column(measure.name, BigInteger, nullable=False, default=0)
        for source in sources
        for measure in measures_of(source)
    ]


metric_conversation = Table(
    "metric_conversation",
    METADATA,
    _id("conversation_id", primary_key=True),
    _id("customer_id", nullable=False, index=True),
    _label("channel", nullable=False),
    _label("category", nullable=False),
    Column("direction", String(16), nullable=False),
    Column("start_us", BigInteger, nullable=False, index=True),
    Column("end_us", BigInteger, nullable=True),
    Column("resolution", String(16), nullable=True),
    _id("agent_id", nullable=True, index=True),
    _id("team_id", nullable=True),
    *_buckets(),
    Column("resolved_first_time", Boolean, nullable=False),
    Column("repeat_contact", Boolean, nullable=False),
    Column(CLOSE_COLUMN, BigInteger, nullable=True, index=True),
    Column("transit_values", LargeBinary, nullable=False),
    *_measures(Source.CONVERSATION),
)

metric_response_interval = Table(
    "metric_response_interval",
    METADATA,
    _id("conversation_id", primary_key=True),
    Column("position", Integer, primary_key=True),
    _id("agent_id", nullable=False, index=True),
    _id("team_id", nullable=True),
    Column("reply_us", BigInteger, nullable=False),
    _label("channel", nullable=False),
    _label("category", nullable=False),
    Column("start_us", BigInteger, nullable=False, index=True),
    *_buckets(),
    *_measures(Source.INTERVAL),
)

metric_kb_search = Table(
    "metric_kb_search",
    METADATA,
    _id("search_id", primary_key=True),
    _id("agent_id", nullable=False, index=True),
    _id("team_id", nullable=True),
    Column("ts_us", BigInteger, nullable=False, index=True),
    _id("conversation_id", nullable=True, index=True),
    _label("channel", nullable=True),
    _label("category", nullable=True),
    *_buckets(),
    *_measures(Source.SEARCH),
)

ROLLUP_KEY = ("grain", "bucket_day", "agent_id", "team_id", "channel", "category", "attributed", "labelled")
metric_daily_rollup = Table(
    "metric_daily_rollup",
    METADATA,
    Column("grain", String(8), primary_key=True),
    Column("bucket_day", String(BUCKET_LENGTH), primary_key=True),
    _id("agent_id", primary_key=True),
    _id("team_id", primary_key=True),
    _label("channel", primary_key=True),
    _label("category", primary_key=True),
    Column("attributed", Boolean, primary_key=True),
    Column("labelled", Boolean, primary_key=True),
    Column("bucket_week", String(BUCKET_LENGTH), nullable=False),
    Column("bucket_month", String(BUCKET_LENGTH), nullable=False),
    *_measures(Source.CONVERSATION, Source.INTERVAL, Source.SEARCH),
    Column("first_response_values", LargeBinary, nullable=False),
)

metric_agent = Table(
    "metric_agent",
    METADATA,
    _id("agent_id", primary_key=True),
    Column("team_history_digest", String(64), nullable=False),
)

metric_state = Table(
    "metric_state",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("facts_version", Integer, nullable=True),
    Column("timezone", String(64), nullable=True),
    Column("repeat_window_hours", Integer, nullable=True),
    Column("service_level_seconds", Integer, nullable=True),
    Column("watermark_us", BigInteger, nullable=True),
    Column("event_seq", BigInteger, nullable=True),
    Column("deferred_by", String(36), nullable=True),
    Column("deferred_since_us", BigInteger, nullable=True),
)

FACT_TABLES = {
    Source.CONVERSATION: metric_conversation,
    Source.INTERVAL: metric_response_interval,
    Source.SEARCH: metric_kb_search,
}
