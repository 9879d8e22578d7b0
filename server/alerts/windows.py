"""Incremental window state: per scope and 5-minute bucket, the sums every rule is evaluated from.

Kept in the ingest transaction by a batch hook that runs after the metrics hook: the
fact rows of the touched conversations (and of the conversations of touched customers,
whose repeat flags may have changed) are read as the metrics engine just wrote them;
each row's contribution replaces the one it made before (``alert_contribution``), so a
late or corrected event moves its sums to the right bucket instead of counting twice.
The buckets whose sums changed are what the evaluation after the commit looks at.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import BUCKET_US, WINDOW_MEASURES, AlertContribution, alert_window
from server.alerts.rules import ScopeKind
from server.ingestion.hooks import TouchedKeys
from server.metrics.api import MEASURE_NAMES, metric_conversation, metric_response_interval

ORGANISATION = (ScopeKind.ORGANISATION.value, "")
CHUNK = 500
CONVERSATION_MEASURES = tuple(name for name in MEASURE_NAMES if name in metric_conversation.c)
INTERVAL_MEASURES = tuple(name for name in MEASURE_NAMES if name in metric_response_interval.c)

ScopeKey = tuple[str, str]
BucketKey = tuple[str, str, int]


def bucket_of(instant_us: int) -> int:
    """The start of the 5-minute bucket holding ``instant_us``."""
    return instant_us - instant_us % BUCKET_US


@dataclass(frozen=True)
class Contribution:
    """What one source adds to the window state: its sums, in one bucket, for each of its scopes."""

    source_key: str
    conversation_id: str | None
    bucket_us: int
    scopes: tuple[ScopeKey, ...]
    sums: Mapping[str, int]


def scopes_of(team_id: str | None, agent_id: str | None, channel: str | None, category: str | None) -> tuple[ScopeKey, ...]:
    """The organisation plus every scope a row names."""
    named = ((ScopeKind.TEAM, team_id), (ScopeKind.AGENT, agent_id), (ScopeKind.CHANNEL, channel), (ScopeKind.CATEGORY, category))
    return (ORGANISATION, *((kind.value, value) for kind, value in named if value))


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start:start + CHUNK])


async def _fact_contributions(session: AsyncSession, touched: TouchedKeys) -> tuple[dict[str, Contribution], set[str]]:
    """The current contributions of the touched conversations' fact rows, and every conversation id they cover."""
    found: dict[str, Contribution] = {}
    conversation_ids: set[str] = set(touched.conversation_ids)
    table = metric_conversation
    for column, keys in ((table.c.conversation_id, sorted(touched.conversation_ids)), (table.c.customer_id, sorted(touched.customer_ids))):
        for chunk in _chunks(keys):
            for row in (await session.execute(select(table).where(column.in_(chunk)))).mappings():
                conversation_ids.add(row["conversation_id"])
                sums = {name: int(row[name]) for name in CONVERSATION_MEASURES if row[name]}
                found[f"c:{row['conversation_id']}"] = Contribution(
                    f"c:{row['conversation_id']}", row["conversation_id"], bucket_of(row["start_us"]),
                    scopes_of(row["team_id"], row["agent_id"], row["channel"], row["category"]), sums,
                )
    intervals = metric_response_interval
    for chunk in _chunks(sorted(conversation_ids)):
        for row in (await session.execute(select(intervals).where(intervals.c.conversation_id.in_(chunk)))).mappings():
            key = f"i:{row['conversation_id']}:{row['position']}"
            found[key] = Contribution(
                key, row["conversation_id"], bucket_of(row["reply_us"]),
                scopes_of(row["team_id"], row["agent_id"], row["channel"], row["category"]),
                {name: int(row[name]) for name in INTERVAL_MEASURES if row[name]},
            )
    return found, conversation_ids


async def _stored(session: AsyncSession, conversation_ids: Iterable[str], source_keys: Iterable[str]) -> dict[str, Contribution]:
    stored: dict[str, Contribution] = {}
    conversations, keys = sorted(set(conversation_ids)), sorted(set(source_keys))
    for names, column in ((conversations, AlertContribution.conversation_id), (keys, AlertContribution.source_key)):
        for chunk in _chunks(names):
            rows = (await session.execute(select(AlertContribution).where(column.in_(chunk)))).scalars()  # type: ignore[union-attr]
            for row in rows:
                scopes = tuple((kind, value) for kind, value in json.loads(row.scopes))
                stored[row.source_key] = Contribution(row.source_key, row.conversation_id, row.bucket_us, scopes, json.loads(row.sums))
    return stored


def _add(delta: dict[BucketKey, dict[str, int]], contribution: Contribution, sign: int) -> None:
    for kind, value in contribution.scopes:
        cell = delta[(kind, value, contribution.bucket_us)]
        for name, amount in contribution.sums.items():
            cell[name] = cell.get(name, 0) + sign * amount


def _upsert(session: AsyncSession) -> Any:
    """Add a row's sums to the bucket's (executed with many rows at once)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(alert_window)
    return statement.on_conflict_do_update(
        index_elements=["scope_kind", "scope_id", "bucket_us"],
        set_={name: alert_window.c[name] + statement.excluded[name] for name in WINDOW_MEASURES},
    )


async def apply_contributions(session: AsyncSession, current: Mapping[str, Contribution], stored: Mapping[str, Contribution]) -> list[BucketKey]:
    """Replace ``stored`` by ``current`` in the window state; returns the buckets whose sums changed."""
    delta: dict[BucketKey, dict[str, int]] = defaultdict(dict)
    changed_keys = [key for key in current.keys() | stored.keys() if current.get(key) != stored.get(key)]
    for key in changed_keys:
        if key in stored:
            _add(delta, stored[key], -1)
        if key in current:
            _add(delta, current[key], 1)
    rows = [
        {"scope_kind": kind, "scope_id": value, "bucket_us": bucket, **{name: sums.get(name, 0) for name in WINDOW_MEASURES}}
        for (kind, value, bucket), sums in sorted(delta.items())
        if any(sums.values())
    ]
    if rows:
        await session.execute(_upsert(session), rows)
    removed = sorted(key for key in changed_keys if key in stored and key not in current)
    for chunk in _chunks(removed):
        await session.execute(delete(AlertContribution).where(AlertContribution.source_key.in_(chunk)))  # type: ignore[attr-defined]
    written = [
        {
            "source_key": key, "conversation_id": current[key].conversation_id, "bucket_us": current[key].bucket_us,
            "scopes": json.dumps(current[key].scopes), "sums": json.dumps(dict(current[key].sums), sort_keys=True),
        }
        for key in sorted(changed_keys) if key in current
    ]
    if written:
        table = AlertContribution.__table__  # type: ignore[attr-defined]
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        statement = insert(table)
        replace = {name: statement.excluded[name] for name in ("conversation_id", "bucket_us", "scopes", "sums")}
        await session.execute(statement.on_conflict_do_update(index_elements=["source_key"], set_=replace), written)
    await session.flush()
    return [(str(row["scope_kind"]), str(row["scope_id"]), int(row["bucket_us"])) for row in rows]  # type: ignore[call-overload]


async def window_changes(session: AsyncSession, touched: TouchedKeys) -> list[BucketKey]:
    """Fold the touched conversations' current fact rows into the window state (flush only)."""
    if not touched.conversation_ids and not touched.customer_ids:
        return []
    current, conversation_ids = await _fact_contributions(session, touched)
    stored = await _stored(session, conversation_ids, ())
    return await apply_contributions(session, current, stored)

