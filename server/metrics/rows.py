"""Facts as rows of the metric tables, each carrying its contribution to every measure. Pure."""

from typing import Any

from server.metrics.buckets import Buckets
from server.metrics.config import FactsConfig
from server.metrics.conversation_facts import ConversationFacts
from server.metrics.repeats import RepeatCandidate
from server.metrics.search_facts import SearchFacts
from server.metrics.values import encode_values

Row = dict[str, Any]
CSAT_TOP2_MINIMUM, NPS_PROMOTER_MINIMUM, NPS_DETRACTOR_MAXIMUM = 4, 9, 6


def _bucket_columns(buckets: Buckets) -> Row:
    return {"bucket_hour": buckets.hour, "bucket_day": buckets.day, "bucket_week": buckets.week, "bucket_month": buckets.month}


def with_repeat(row: Row, repeat_contact: bool) -> Row:
    """The conversation row with its repeat flag set and the measures that depend on it."""
    handled = bool(row["handled"])
    return {
        **row,
        "repeat_contact": repeat_contact,
        "repeated": int(handled and repeat_contact),
        "fcr_resolved": int(handled and row["resolved_first_time"] and not repeat_contact),
    }


def conversation_row(facts: ConversationFacts, repeat_contact: bool, config: FactsConfig) -> Row:
    """One ``metric_conversation`` row; windowed measures count once ``close_us`` ≤ watermark."""
    handled, queue_wait_us = facts.handled, facts.queue_wait_us
    service_level_population = facts.queued and (facts.answer_us is not None or facts.ended)
    row = {
        "conversation_id": facts.conversation_id,
        "customer_id": facts.customer_id,
        "channel": facts.channel,
        "category": facts.category,
        "direction": facts.direction,
        "start_us": facts.start_us,
        "end_us": facts.end_us,
        "resolution": facts.resolution,
        "agent_id": facts.final_agent_id,
        "team_id": facts.final_team_id,
        **_bucket_columns(facts.buckets),
        "resolved_first_time": facts.resolved_first_time,
        "close_us": facts.end_us + config.repeat_window_us if handled and facts.end_us is not None else None,
        "conversations": 1,
        "handled": int(handled),
        "handle_us": facts.handle_us or 0,
        "queue_waits": int(queue_wait_us is not None),
        "queue_wait_us": queue_wait_us or 0,
        "service_level_population": int(service_level_population),
        "service_level_met": int(
            service_level_population and queue_wait_us is not None and queue_wait_us <= config.service_level_us
        ),
        "abandon_population": int(facts.queued and facts.ended),
        "abandoned": int(facts.queued and facts.ended and not handled),
        "transferred": int(handled and facts.transferred),
        "transits": len(facts.transits_us),
        "transit_us": sum(facts.transits_us),
        "transit_values": encode_values(facts.transits_us),
        "fcr_population": int(handled),
        "self_service_population": int(facts.ended),
        "self_served": int(facts.self_served),
        "csat_responses": int(facts.csat is not None),
        "csat_sum": facts.csat or 0,
        "csat_top2": int(facts.csat is not None and facts.csat >= CSAT_TOP2_MINIMUM),
        "nps_responses": int(facts.nps is not None),
        "nps_promoters": int(facts.nps is not None and facts.nps >= NPS_PROMOTER_MINIMUM),
        "nps_detractors": int(facts.nps is not None and facts.nps <= NPS_DETRACTOR_MAXIMUM),
    }
    return with_repeat(row, repeat_contact)


def interval_rows(facts: ConversationFacts) -> list[Row]:
    """One ``metric_response_interval`` row per interval, labelled and bucketed like its conversation."""
    first = facts.first_response
    return [
        {
            "conversation_id": facts.conversation_id,
            "position": interval.position,
            "agent_id": interval.agent_id,
            "team_id": interval.team_id,
            "reply_us": interval.reply_us,
            "channel": facts.channel,
            "category": facts.category,
            "start_us": facts.start_us,
            **_bucket_columns(facts.buckets),
            "response_intervals": 1,
            "response_us": interval.interval_us,
            "first_responses": int(interval is first),
            "first_response_us": interval.interval_us if interval is first else 0,
        }
        for interval in facts.intervals
    ]


def search_row(facts: SearchFacts) -> Row:
    """One ``metric_kb_search`` row, bucketed by the search's own ts."""
    labels = facts.labels
    return {
        "search_id": facts.search_id,
        "agent_id": facts.agent_id,
        "team_id": facts.team_id,
        "ts_us": facts.ts_us,
        "conversation_id": facts.conversation_id,
        "channel": labels.channel if labels is not None else None,
        "category": labels.category if labels is not None else None,
        **_bucket_columns(facts.buckets),
        "kb_searches": 1,
        "kb_hits": int(facts.hit),
        "kb_time_to_hit_us": facts.time_to_hit_us or 0,
    }


def repeat_candidate(row: Row) -> RepeatCandidate:
    """What repeat detection needs, read from a conversation row."""
    return RepeatCandidate(
        row["conversation_id"], row["customer_id"], row["category"], row["direction"], row["start_us"], row["end_us"]
    )
