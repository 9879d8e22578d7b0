"""Rebuild every metric fact from the event tables, and write rollup changes."""

from collections import defaultdict

from sqlalchemy import BigInteger, and_, bindparam, func, literal, select, union_all, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.metrics.config import FACTS_VERSION, FactsConfig
from server.metrics.conversation_facts import conversation_facts
from server.metrics.measures import MEASURES_BY_NAME, row_value
from server.metrics.models import (
    FACT_TABLES, ROLLUP_KEY, metric_agent, metric_conversation, metric_daily_rollup, metric_kb_search,
    metric_response_interval,
)
from server.metrics.repeats import repeated_conversations
from server.metrics.repository import CHUNK, FactRepository, chunked
from server.metrics.grains import GRAINS, LABEL_COLUMNS
from server.metrics.rollup import ROLLUP_MEASURES, RollupDelta
from server.metrics.values import encode_values
from server.metrics.rows import conversation_row, interval_rows, repeat_candidate, search_row, with_repeat
from server.metrics.search_facts import search_facts
from server.metrics.state import FactsState, save_state
from server.org.teams import TeamDirectory
from server.kernel.telemetry import timed_upkeep

CUSTOMER_CHUNK = 500
FIRST_RESPONSE_ROWS = 10_000
DERIVED_TABLES = (metric_conversation, metric_response_interval, metric_kb_search, metric_daily_rollup, metric_agent)


@timed_upkeep("rebuild")
async def rebuild_facts(session: AsyncSession, config: FactsConfig) -> None:
    """Recompute all facts and the rollup with ``config`` (flush only; the caller commits)."""
    repository = FactRepository(session)
    await repository.clear(DERIVED_TABLES)
    watermark_us, event_seq = await repository.watermark_us(), await repository.event_seq()
    teams = TeamDirectory(await repository.memberships(None))
    started = await repository.started_conversation_ids()
    for start in range(0, len(started), CHUNK):
        rows, intervals = [], []
        for timeline in (await repository.timelines_of_run(started[start : start + CHUNK])).values():
            fact = conversation_facts(timeline, teams, config)
            if fact is not None:
                rows.append(conversation_row(fact, False, config))
                intervals.extend(interval_rows(fact))
        await repository.insert(metric_conversation, rows)
        await repository.insert(metric_response_interval, intervals)
    await _mark_repeats(repository, config)
    for chunk in chunked(await repository.all_search_ids()):
        timelines = await repository.search_timelines(chunk)
        named = {search.conversation_id for timeline in timelines.values() for search in timeline.searches}
        labels = await repository.conversation_labels({conversation_id for conversation_id in named if conversation_id})
        facts = [search_facts(timeline, labels, teams, config) for timeline in timelines.values()]
        await repository.insert(metric_kb_search, [search_row(fact) for fact in facts if fact is not None])
    await rebuild_rollup(repository, watermark_us)
    await repository.save_team_history_digests({agent_id: teams.digest(agent_id) for agent_id in teams.agent_ids})
    await save_state(session, FactsState(FACTS_VERSION, config, watermark_us, event_seq))


async def _mark_repeats(repository: FactRepository, config: FactsConfig) -> None:
    """Set the repeat flags, one chunk of customers at a time (siblings are always together)."""
    for customers in chunked(await repository.customer_ids(), CUSTOMER_CHUNK):
        rows = await repository.rows_where_in(metric_conversation, "customer_id", customers)
        repeated = repeated_conversations([repeat_candidate(row) for row in rows], config.repeat_window_us)
        marked = [with_repeat(row, True) for row in rows if row["conversation_id"] in repeated]
        await repository.delete_keys(metric_conversation, [(row["conversation_id"],) for row in marked])
        await repository.insert(metric_conversation, marked)


async def rebuild_rollup(repository: FactRepository, watermark_us: int | None) -> None:
    """Fill every grain of the daily rollup from the fact tables in SQL, then attach the first-response values."""
    selects = []
    for table in FACT_TABLES.values():
        values = [
            (row_value(table, MEASURES_BY_NAME[name], watermark_us) if name in table.c else literal(0, BigInteger)).label(name)
            for name in ROLLUP_MEASURES
        ]
        labels = [table.c[column] for column in LABEL_COLUMNS]
        selects.append(select(table.c.bucket_day, *labels, table.c.bucket_week, table.c.bucket_month, *values))
    facts = union_all(*selects).subquery()
    columns = [*ROLLUP_KEY, "bucket_week", "bucket_month", *ROLLUP_MEASURES, "first_response_values"]
    for grain in GRAINS:
        kept = {column: func.coalesce(facts.c[column], "") for column in LABEL_COLUMNS if column in grain.keeps}
        flags = [facts.c.agent_id.is_not(None), facts.c.channel.is_not(None)]
        grouped = select(
            literal(grain.name),
            facts.c.bucket_day,
            *(kept[column] if column in kept else literal("") for column in LABEL_COLUMNS),
            *flags,
            func.max(facts.c.bucket_week),
            func.max(facts.c.bucket_month),
            *(func.sum(facts.c[name]) for name in ROLLUP_MEASURES),
            literal(b"", metric_daily_rollup.c.first_response_values.type),
        ).group_by(facts.c.bucket_day, *kept.values(), *flags)
        await repository.session.exec(metric_daily_rollup.insert().from_select(columns, grouped))
    await _attach_first_responses(repository)


async def _attach_first_responses(repository: FactRepository) -> None:
    """Store each rollup cell's first-response values, one local day at a time (memory bounded by a day)."""
    intervals = metric_response_interval
    statement = (
        select(intervals.c.bucket_day, *(intervals.c[column] for column in LABEL_COLUMNS), intervals.c.first_response_us)
        .where(intervals.c.first_responses == 1)
        .order_by(intervals.c.bucket_day)
    )
    day: str | None = None
    values: dict[tuple, list[int]] = defaultdict(list)
    connection = await repository.session.connection()
    result = await connection.stream(statement.execution_options(yield_per=FIRST_RESPONSE_ROWS))
    async for partition in result.mappings().partitions():
        for row in partition:
            if row["bucket_day"] != day:
                await _write_first_responses(repository, values)
                day, values = row["bucket_day"], defaultdict(list)
            for grain in GRAINS:
                values[grain.key(row)].append(row["first_response_us"])
    await _write_first_responses(repository, values)


async def _write_first_responses(repository: FactRepository, values: dict[tuple, list[int]]) -> None:
    if not values:
        return
    condition = and_(*(metric_daily_rollup.c[column] == bindparam(f"key_{column}") for column in ROLLUP_KEY))
    params = [
        {**{f"key_{column}": part for column, part in zip(ROLLUP_KEY, key, strict=True)}, "blob": encode_values(found)}
        for key, found in sorted(values.items())
    ]
    statement = update(metric_daily_rollup).where(condition).values(first_response_values=bindparam("blob"))
    await repository.session.exec(statement, params=params)


async def write_rollup_delta(repository: FactRepository, delta: RollupDelta) -> None:
    """Apply accumulated cell changes to the stored rollup."""
    keys = delta.changed_keys()
    if not keys:
        return
    wanted = set(keys)
    stored = {}
    for row in await repository.rows_where_in(metric_daily_rollup, "bucket_day", {key[1] for key in keys}):
        key = tuple(row[column] for column in ROLLUP_KEY)
        if key in wanted:
            stored[key] = row
    deleted, written = delta.apply(stored)
    await repository.delete_keys(metric_daily_rollup, deleted)
    await repository.insert(metric_daily_rollup, written)
