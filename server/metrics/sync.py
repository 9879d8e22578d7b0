"""Incremental upkeep of the metric facts inside an import batch's transaction.

Only what the batch's touched keys can affect is recomputed: the touched
conversations from their events; the repeat flags of every conversation of their
customers (from stored facts); the team attribution of agents whose team history
changed; the searches touched or naming a touched conversation; and the rollup
cells of every changed row, plus those whose repeat window the new watermark closed.
"""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import get_settings
from server.ingestion.hooks import TouchedKeys
from server.metrics.changes import TableChanges
from server.metrics.config import FACTS_VERSION, FactsConfig
from server.metrics.conversation_facts import ConversationFacts, conversation_facts
from server.metrics.measures import Source
from server.metrics.models import metric_conversation, metric_kb_search, metric_response_interval
from server.metrics.rebuild import rebuild_facts, write_rollup_delta
from server.metrics.repeats import repeated_conversations
from server.metrics.repository import FactRepository
from server.metrics.rollup import RollupDelta
from server.metrics.rows import conversation_row, interval_rows, repeat_candidate, search_row, with_repeat
from server.metrics.search_facts import ConversationLabels, search_facts
from server.metrics.state import FactsState, read_state, save_state
from server.org.teams import TeamDirectory
from server.metrics.timeline import ConversationTimeline, SearchTimeline
from server.kernel.telemetry import timed_upkeep


@dataclass
class SyncContext:
    """What one incremental sync works with."""

    repository: FactRepository
    config: FactsConfig
    teams: TeamDirectory
    retired_histories: set[str]
    """Agents whose team history changed: their stored attributions are recomputed."""


@timed_upkeep("batch")
async def sync_metrics(session: AsyncSession, touched: TouchedKeys) -> None:
    """Batch hook: bring the metric facts up to date with what the batch wrote (flush only)."""
    state = await read_state(session, lock=True)
    if state.config is None or state.facts_version != FACTS_VERSION:
        await rebuild_facts(session, state.config or FactsConfig.from_settings(get_settings()))
        return
    if touched:
        await update_facts(session, state, touched)
    else:
        await advance_watermark(session, state)


def _referenced_agents(timelines: dict[str, ConversationTimeline], searches: dict[str, SearchTimeline]) -> set[str]:
    agents = {event.agent_id for timeline in timelines.values() for event in timeline.lifecycle if event.agent_id}
    agents.update(message.agent_id for timeline in timelines.values() for message in timeline.messages if message.agent_id)
    agents.update(search.agent_id for timeline in searches.values() for search in timeline.searches)
    return agents


async def _team_context(repository: FactRepository, config: FactsConfig, agents: set[str], touched: set[str]) -> SyncContext:
    teams = TeamDirectory(await repository.memberships(agents | touched))
    stored = await repository.team_history_digests(touched)
    digests = {agent_id: teams.digest(agent_id) for agent_id in touched}
    empty = TeamDirectory(()).digest("")
    retired = {agent_id for agent_id, digest in digests.items() if stored.get(agent_id, empty) != digest}
    await repository.save_team_history_digests({agent_id: digests[agent_id] for agent_id in retired})
    return SyncContext(repository, config, teams, retired)


async def update_facts(session: AsyncSession, state: FactsState, touched: TouchedKeys) -> None:
    """Recompute what ``touched`` affects and apply the rollup changes (see module docstring)."""
    assert state.config is not None
    repository = FactRepository(session)
    conversation_ids = set(touched.conversation_ids)
    timelines = await repository.timelines(conversation_ids)
    search_ids = set(touched.search_ids) | await repository.search_ids_of_conversations(conversation_ids)
    search_timelines = await repository.search_timelines(search_ids)
    context = await _team_context(
        repository, state.config, _referenced_agents(timelines, search_timelines), set(touched.agent_ids)
    )
    facts = {
        conversation_id: conversation_facts(timeline, context.teams, context.config)
        for conversation_id, timeline in timelines.items()
    }
    new_facts = {conversation_id: fact for conversation_id, fact in facts.items() if fact is not None}
    conversations = await _conversation_changes(context, new_facts, conversation_ids, set(touched.customer_ids))
    intervals = await _interval_changes(context, new_facts, conversation_ids)
    searches = await _search_changes(context, search_timelines, new_facts)

    watermark_us, event_seq = await repository.watermark_us(), await repository.event_seq()
    if watermark_us is not None and watermark_us != state.watermark_us:
        for row in await repository.conversations_closing(state.watermark_us, watermark_us):
            if (row["conversation_id"],) not in conversations.rows:
                conversations.replace(row, row)
    for changes in (conversations, intervals, searches):
        await repository.delete_keys(changes.table, changes.deleted_keys())
        await repository.insert(changes.table, changes.written_rows())
    delta = RollupDelta()
    for changes in (conversations, intervals, searches):
        changes.add_to(delta, state.watermark_us, watermark_us)
    await write_rollup_delta(repository, delta)
    covered = state.event_seq if state.deferred_by is not None else event_seq  # a lease holder owes events
    await save_state(
        session, FactsState(FACTS_VERSION, state.config, watermark_us, covered, state.deferred_by, state.deferred_since_us)
    )


async def advance_watermark(session: AsyncSession, state: FactsState) -> None:
    """Count in the rollup the conversations whose repeat window the current watermark closed."""
    await update_facts(session, state, TouchedKeys())


async def _conversation_changes(
    context: SyncContext, new_facts: dict[str, ConversationFacts], conversation_ids: set[str], customers: set[str]
) -> TableChanges:
    repository = context.repository
    changes = TableChanges(metric_conversation, Source.CONVERSATION)
    stored = {row["conversation_id"]: row for row in await repository.rows_where_in(metric_conversation, "conversation_id", conversation_ids)}
    customers = customers | {fact.customer_id for fact in new_facts.values()} | {row["customer_id"] for row in stored.values()}
    siblings = [
        (candidate, flag) for candidate, flag in await repository.repeat_candidates(customers)
        if candidate.conversation_id not in conversation_ids
    ]
    fresh = {conversation_id: conversation_row(fact, False, context.config) for conversation_id, fact in new_facts.items()}
    repeated = repeated_conversations(
        [*(repeat_candidate(row) for row in fresh.values()), *(candidate for candidate, _flag in siblings)],
        context.config.repeat_window_us,
    )
    for conversation_id in conversation_ids:
        new = fresh.get(conversation_id)
        changes.replace(stored.get(conversation_id), with_repeat(new, conversation_id in repeated) if new else None)
    flipped = {candidate.conversation_id for candidate, flag in siblings if (candidate.conversation_id in repeated) != flag}
    for row in await repository.rows_where_in(metric_conversation, "conversation_id", flipped):
        changes.replace(row, with_repeat(row, row["conversation_id"] in repeated))
    if context.retired_histories:
        for row in await repository.rows_where_in(metric_conversation, "agent_id", context.retired_histories):
            if (row["conversation_id"],) not in changes.rows:
                changes.replace(row, dict(row))
    for key, (_old, new) in list(changes.rows.items()):
        if new is not None and new["agent_id"] in context.retired_histories:
            changes.rows[key] = (changes.rows[key][0], {**new, "team_id": context.teams.team_at(new["agent_id"], new["end_us"])})
    return changes


async def _interval_changes(
    context: SyncContext, new_facts: dict[str, ConversationFacts], conversation_ids: set[str]
) -> TableChanges:
    repository = context.repository
    changes = TableChanges(metric_response_interval, Source.INTERVAL)
    for row in await repository.rows_where_in(metric_response_interval, "conversation_id", conversation_ids):
        changes.replace(row, None)
    for fact in new_facts.values():
        for row in interval_rows(fact):
            changes.replace(None, row)
    if context.retired_histories:
        for row in await repository.rows_where_in(metric_response_interval, "agent_id", context.retired_histories):
            if row["conversation_id"] not in conversation_ids:
                changes.replace(row, {**row, "team_id": context.teams.team_at(row["agent_id"], row["reply_us"])})
    return changes


async def _search_changes(
    context: SyncContext, timelines: dict[str, SearchTimeline], new_facts: dict[str, ConversationFacts]
) -> TableChanges:
    repository = context.repository
    changes = TableChanges(metric_kb_search, Source.SEARCH)
    named = {search.conversation_id for timeline in timelines.values() for search in timeline.searches if search.conversation_id}
    labels = await repository.conversation_labels(named - set(new_facts))
    labels.update({conversation_id: ConversationLabels(fact.channel, fact.category) for conversation_id, fact in new_facts.items()})
    for row in await repository.rows_where_in(metric_kb_search, "search_id", set(timelines)):
        changes.replace(row, None)
    for timeline in timelines.values():
        fact = search_facts(timeline, labels, context.teams, context.config)
        if fact is not None:
            changes.replace(None, search_row(fact))
    if context.retired_histories:
        for row in await repository.rows_where_in(metric_kb_search, "agent_id", context.retired_histories):
            if row["search_id"] not in timelines:
                changes.replace(row, {**row, "team_id": context.teams.team_at(row["agent_id"], row["ts_us"])})
    return changes
