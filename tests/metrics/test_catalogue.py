"""The catalogue covers every key of the spec, once, and the stored facts carry every measure it reads."""

from server.metrics.computations import Count, Mean, NetPromoter, Percentile, Share
from server.metrics.config import FactsConfig
from server.metrics.conversation_facts import conversation_facts
from server.metrics.definitions import METRICS, Direction, Unit
from server.metrics.measures import MEASURES, MEASURES_BY_NAME, Source
from server.metrics.models import FACT_TABLES, metric_conversation, metric_daily_rollup, metric_kb_search, metric_response_interval
from server.metrics.rows import conversation_row, interval_rows, search_row
from server.metrics.search_facts import ConversationLabels, search_facts
from tests.metrics.factory import Events
from tests.metrics.timelines import conversation_timelines, search_timelines, team_directory

SPEC_KEYS = (
    "conversations", "handled", "first_response_avg_s", "first_response_p90_s", "response_avg_s", "handle_avg_s",
    "queue_wait_avg_s", "service_level", "abandon_rate", "transfer_rate", "transfer_transit_avg_s", "fcr_rate",
    "repeat_rate", "kb_hit_rate", "kb_time_to_hit_avg_s", "self_service_rate", "csat_avg", "csat_top2_rate", "nps",
)


def test_every_key_of_the_spec_in_its_order_with_labels_and_formula() -> None:
    assert tuple(definition.key for definition in METRICS) == SPEC_KEYS
    for definition in METRICS:
        assert definition.label_zh and definition.label_en and definition.formula
        assert definition.explanation_zh and definition.explanation_en
    units = {definition.key: definition.unit for definition in METRICS}
    assert (units["conversations"], units["handle_avg_s"], units["fcr_rate"], units["csat_avg"], units["nps"]) == (
        Unit.COUNT, Unit.SECONDS, Unit.SHARE, Unit.SCORE, Unit.NPS,
    )
    directions = {definition.key: definition.direction for definition in METRICS}
    assert (directions["handle_avg_s"], directions["fcr_rate"], directions["conversations"]) == (
        Direction.LOWER, Direction.HIGHER, Direction.NEUTRAL,
    )
    unattributed = [definition.key for definition in METRICS if definition.unattributed_population]
    assert unattributed == ["abandon_rate", "self_service_rate"]


def test_each_computation_reads_measures_of_one_source() -> None:
    for definition in METRICS:
        computation = definition.computation
        assert isinstance(computation, Count | Mean | Share | NetPromoter | Percentile)
        assert len(definition.sources) == 1, definition.key
        for name in computation.measures:
            assert name in MEASURES_BY_NAME, (definition.key, name)


def test_fact_tables_and_rollup_carry_every_measure() -> None:
    for measure in MEASURES:
        assert measure.name in FACT_TABLES[measure.source].c
        assert measure.name in metric_daily_rollup.c
    assert [measure.name for measure in MEASURES if measure.windowed] == ["fcr_population", "fcr_resolved", "repeated"]
    assert {source: table.name for source, table in FACT_TABLES.items()} == {
        Source.CONVERSATION: "metric_conversation", Source.INTERVAL: "metric_response_interval",
        Source.SEARCH: "metric_kb_search",
    }


def test_rows_have_exactly_the_columns_of_their_tables() -> None:
    events = Events()
    events.agent("a1", "t1")
    events.started("c1", 0)
    events.queued("c1", 1)
    events.assigned("c1", 2, "a1")
    events.customer("c1", 3)
    events.agent_says("c1", 4, "a1")
    events.ended("c1", 9)
    events.searched("s1", 5, "a1", "c1")
    config = FactsConfig("UTC", 168, 30)
    teams = team_directory(events.items)
    facts = conversation_facts(conversation_timelines(events.items)["c1"], teams, config)
    assert facts is not None
    search = search_facts(search_timelines(events.items)["s1"], {"c1": ConversationLabels("chat", "x")}, teams, config)
    assert search is not None
    columns = lambda table: {column.name for column in table.columns}  # noqa: E731
    assert set(conversation_row(facts, False, config)) == columns(metric_conversation)
    assert [set(row) for row in interval_rows(facts)] == [columns(metric_response_interval)]
    assert set(search_row(search)) == columns(metric_kb_search)
