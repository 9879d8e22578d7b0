"""The insights over GraphQL: inputs read into engine requests, results, typed errors and the caller's metric scope.

Resolvers run in a schema of their own; the last tests go through the public schema, where the policy
file's field rules apply too (the full role matrix is tests/authz's concern).
"""

from typing import Any

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig
from scipy import stats
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.models import AuditEntry
from server.config import Settings
from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.authz.request import authorize_context
from server.context import Context
from server.errors import BadUserInput, Forbidden
from server.insights.queries import InsightsQuery
from server.kernel.relay import to_global_id
from server.kernel.scalars import SCALAR_MAP
from server.schema import schema as public_schema
from server.db import transaction
from server.metrics.state import read_state
from server.timefmt import format_instant
from tests.insights.test_before_after import HANDLE_AFTER, HANDLE_BEFORE, coached_agent
from tests.insights.test_comparisons import two_weeks
from tests.insights.test_rankings import fcr_teams
from tests.metrics.helpers import ingest
from tests.metrics.test_deferred_upkeep import conversations, deferred_batch, finish, take_lease

SCHEMA = strawberry.Schema(query=InsightsQuery, config=StrawberryConfig(scalar_map=SCALAR_MAP))
WEEKS = 'before: {from: "2026-03-02", to: "2026-03-08"}, after: {from: "2026-03-09", to: "2026-03-15"}'
A1, A2, A3, A4 = (to_global_id("Agent", key) for key in ("a1", "a2", "a3", "a4"))
T1, T2 = (to_global_id("Team", key) for key in ("t1", "t2"))


ADMIN = Principal("u-admin", frozenset({"admin"}))


async def _run(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, query: str, principal: Principal = ADMIN
) -> Any:
    context = await _context(sessionmaker, settings, principal)
    result = await SCHEMA.execute(query, context_value=context)
    await context.finish(success=not result.errors)
    return result


async def _context(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, principal: Principal) -> Context:
    context = Context(settings=settings, sessionmaker=sessionmaker, policies=PolicyEnforcer(settings))
    return await authorize_context(context, principal)


async def test_before_after_for_one_agent(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, coached_agent().items)
    result = await _run(sessionmaker, settings, f"""{{
      metricBeforeAfter(metric: HANDLE_AVG_S, {WEEKS}, filter: {{agentIds: ["{A1}"]}},
                        options: {{minimumContinuous: 8}}) {{
        metric test verdict difference pValue confidenceLevel effectSizeKind
        before {{ size mean }} after {{ size mean }}
      }}
    }}""")
    assert result.errors is None
    found = result.data["metricBeforeAfter"]
    assert found.pop("pValue") == pytest.approx(stats.ttest_ind(HANDLE_AFTER, HANDLE_BEFORE, equal_var=False).pvalue, rel=1e-9)
    assert found == {
        "metric": "HANDLE_AVG_S", "test": "WELCH_T", "verdict": "IMPROVED", "difference": -99.375,
        "confidenceLevel": 0.95, "effectSizeKind": "HEDGES_G",
        "before": {"size": 8, "mean": 301.875}, "after": {"size": 8, "mean": 202.5},
    }


async def test_not_enough_data_by_default(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, coached_agent().items)
    result = await _run(sessionmaker, settings, f"""{{
      metricBeforeAfter(metric: CSAT_AVG, {WEEKS}, filter: {{agentIds: ["{A1}"]}}) {{ verdict pValue minimumSampleSize }}
    }}""")
    assert result.data["metricBeforeAfter"] == {"verdict": "NOT_ENOUGH_DATA", "pValue": None, "minimumSampleSize": 20}


async def test_period_comparison_by_agent(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, two_weeks().items)
    result = await _run(sessionmaker, settings, f"""{{
      metricPeriodComparison(metrics: [HANDLE_AVG_S], {WEEKS}, groupBy: [AGENT], filter: {{agentIds: ["{A1}", "{A2}"]}}) {{
        agentId teamId deltas {{ metric before {{ value sampleSize }} after {{ value sampleSize }} absolute relative change }}
      }}
    }}""")
    assert result.errors is None
    assert result.data["metricPeriodComparison"] == [
        {"agentId": A1, "teamId": None, "deltas": [{
            "metric": "HANDLE_AVG_S", "before": {"value": 200.0, "sampleSize": 2}, "after": {"value": 150.0, "sampleSize": 1},
            "absolute": -50.0, "relative": -0.25, "change": "IMPROVED",
        }]},
        {"agentId": A2, "teamId": None, "deltas": [{
            "metric": "HANDLE_AVG_S", "before": {"value": 200.0, "sampleSize": 1}, "after": {"value": 300.0, "sampleSize": 2},
            "absolute": 100.0, "relative": 0.5, "change": "WORSENED",
        }]},
    ]


async def test_peaks_and_rankings_answer(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, two_weeks().items)
    result = await _run(sessionmaker, settings, """{
      metricPeaks(filter: {period: {from: "2026-03-02", to: "2026-03-15"}}) { peakThreshold cells { weekday hour conversations level } }
      steadinessRanking(minimumIntervals: 1) { agentId }
      fcrRoomRanking { agentId }
      kbSupportRanking { entries { category } overallKbHitRate { value sampleSize } }
    }""")
    assert result.errors is None
    data = result.data
    busy = [cell for cell in data["metricPeaks"]["cells"] if cell["level"] != "EMPTY"]
    assert (data["metricPeaks"]["peakThreshold"], busy) == (7.0, [{"weekday": 1, "hour": 1, "conversations": 7, "level": "PEAK"}])
    assert (data["steadinessRanking"], data["fcrRoomRanking"]) == ([], [])  # no replies; no closed FCR windows
    assert data["kbSupportRanking"] == {"entries": [], "overallKbHitRate": {"value": None, "sampleSize": 0}}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('metricPeaks(filter: {period: {from: "2026-03-09", to: "2026-03-08"}}) { peakThreshold }', "`from` must not be after `to`"),
        ('metricPeaks(filter: {period: {from: "2026-03-09", end: "2026-03-08T00:00:00Z"}}) { peakThreshold }',
         "'from' must not be after 'to'"),
        (f"metricPeriodComparison(metrics: [NPS], {WEEKS}, groupBy: [AGENT, DAY]) {{ agentId }}",
         "groupBy: DAY is a time bucket; this question groups by AGENT, TEAM, CHANNEL or CATEGORY only"),
        (f'metricPeriodComparison(metrics: [NPS], {WEEKS}, filter: {{period: {{from: "2026-03-02"}}}}) {{ agentId }}',
         "filter.period: this question takes its periods as arguments (before, after)"),
        (f'metricBeforeAfter(metric: NPS, {WEEKS}, filter: {{period: {{from: "2026-03-02"}}}}) {{ verdict }}',
         "filter.period: this question takes its periods as arguments (before, after)"),
        ('metricBeforeAfter(metric: NPS, before: {from: "2026-03-02", start: "2026-03-02T00:00:00Z", to: "2026-03-08"}, '
         'after: {from: "2026-03-09", to: "2026-03-15"}) { verdict }', "before: give `from` or `start`, not both"),
        (f"metricBeforeAfter(metric: FIRST_RESPONSE_P90_S, {WEEKS}) {{ verdict }}", "cannot be compared before/after"),
        (f"metricPeriodComparison(metrics: [NPS], {WEEKS}, filter: {{channels: [\"chat\"]}}) {{ channel }}", None),
        ("steadinessRanking(minimumIntervals: -1) { rank }", "must not be negative"),
        (f"metricBeforeAfter(metric: NPS, {WEEKS}, options: {{alpha: 1.5}}) {{ verdict }}", "alpha must be in (0, 1)"),
    ],
)
async def test_bad_input_is_a_typed_error(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, query: str, message: str | None
) -> None:
    result = await _run(sessionmaker, settings, "{ " + query + " }")
    if message is None:
        assert result.errors is None  # a valid question on an empty database
        return
    [error] = result.errors
    assert isinstance(error.original_error, BadUserInput)
    assert message in error.message


FCR_QUERY = "{ fcrRoomRanking(minimumConversations: 4) { rank agentId teamId } }"


async def _teams(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    events = fcr_teams()
    events.team("t1")
    events.team("t2")
    await ingest(sessionmaker, settings, events.items)


@pytest.mark.parametrize(
    ("principal", "ranked"),
    [
        (ADMIN, [(A2, T1), (A1, T1), (A3, T1), (A4, T2)]),
        (Principal("u-lead", frozenset({"manager"}), frozenset({"t1"})), [(A2, T1), (A1, T1), (A3, T1)]),
        (Principal("a4", frozenset({"agent"})), [(A4, T2)]),
    ],
)
async def test_rankings_stay_inside_the_metric_scope(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, principal: Principal, ranked: list[tuple[str, str]]
) -> None:
    await _teams(sessionmaker, settings)
    context = await _context(sessionmaker, settings, principal)
    result = await SCHEMA.execute(FCR_QUERY, context_value=context)
    await context.finish(success=True)
    assert result.errors is None
    assert [(entry["agentId"], entry["teamId"]) for entry in result.data["fcrRoomRanking"]] == ranked
    audited = sorted(entry.subject_id for entry in context.audit.entries(0) if entry.action == "read")
    assert audited == sorted(key for key in ("a1", "a2", "a3", "a4") if to_global_id("Agent", key) in dict(ranked) and key != principal.subject)  # one's own reads are not audited


@pytest.mark.parametrize(
    ("principal", "query"),
    [
        (Principal("u-analyst", frozenset({"analyst"})), FCR_QUERY),  # aggregates only
        (Principal("u-lead", frozenset({"manager"}), frozenset({"t1"})), f'{{ metricPeaks(filter: {{agentIds: ["{A4}"]}}) {{ peakThreshold }} }}'),
    ],
)
async def test_outside_the_metric_scope_is_forbidden(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, principal: Principal, query: str
) -> None:
    await _teams(sessionmaker, settings)
    result = await _run(sessionmaker, settings, query, principal)
    [error] = result.errors
    assert isinstance(error.original_error, Forbidden)


AGENT_A4 = Principal("a4", frozenset({"agent"}))
ANALYST = Principal("u-analyst", frozenset({"analyst"}))
ABOUT_A1 = {
    "metricPeriodComparison": f'metricPeriodComparison(metrics: [FCR_RATE], {WEEKS}, filter: {{agentIds: ["{A1}"]}}) {{ agentId }}',
    "metricPeaks": f'metricPeaks(filter: {{agentIds: ["{A1}"]}}) {{ peakThreshold }}',
    "steadinessRanking": f'steadinessRanking(filter: {{agentIds: ["{A1}"]}}) {{ agentId }}',
    "fcrRoomRanking": f'fcrRoomRanking(filter: {{agentIds: ["{A1}"]}}) {{ agentId }}',
    "kbSupportRanking": f'kbSupportRanking(filter: {{agentIds: ["{A1}"]}}) {{ entries {{ category }} }}',
    "metricBeforeAfter": f'metricBeforeAfter(metric: FCR_RATE, {WEEKS}, filter: {{agentIds: ["{A1}"]}}) {{ verdict }}',
}
"""Every insight field, asked about agent a1."""


async def _audited(sessionmaker: async_sessionmaker[AsyncSession]) -> list[tuple[str, str, str | None]]:
    async with sessionmaker() as session:
        entries = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    return [(entry.action, entry.object_type, entry.subject_id) for entry in entries]


@pytest.mark.parametrize("field", ABOUT_A1)
@pytest.mark.parametrize(
    ("principal", "message", "audited"),
    [
        (AGENT_A4, "Agent a1 is outside your scope", [("denied", "Agent", "a1")]),  # the field is granted, the row scope refuses
        (ANALYST, "not allowed to read Query.{field}", [("denied", "Query.{field}", None)]),  # no policy entry for the field
    ],
)
async def test_insights_about_another_agent_are_forbidden_in_the_public_schema(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, field: str,
    principal: Principal, message: str, audited: list[tuple[str, str, str | None]],
) -> None:
    await _teams(sessionmaker, settings)
    context = await _context(sessionmaker, settings, principal)
    result = await public_schema.execute("{ " + ABOUT_A1[field] + " }", context_value=context)
    assert result.data is None
    assert [(error.message, error.extensions["code"]) for error in result.errors] == [(message.format(field=field), "FORBIDDEN")]
    assert await _audited(sessionmaker) == [(action, obj.format(field=field), subject) for action, obj, subject in audited]


async def test_an_agent_gets_only_its_own_insights_in_the_public_schema(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await _teams(sessionmaker, settings)
    context = await _context(sessionmaker, settings, AGENT_A4)
    result = await public_schema.execute(f"""{{
      fcrRoomRanking(minimumConversations: 4) {{ rank agentId teamId }}
      metricPeriodComparison(metrics: [CONVERSATIONS], {WEEKS}, groupBy: [AGENT]) {{
        agentId agent {{ __typename }} deltas {{ before {{ value count }} }}
      }}
    }}""", context_value=context)
    assert result.errors is None
    assert result.data == {
        "fcrRoomRanking": [{"rank": 1, "agentId": A4, "teamId": T2}],
        "metricPeriodComparison": [{"agentId": A4, "agent": {"__typename": "Agent"}, "deltas": [{"before": {"value": 4.0, "count": 4}}]}],
    }
    assert await _audited(sessionmaker) == []  # one's own reads are not recorded


FRESHNESS = "freshness { asOf current importInProgress importStartedAt pendingEvents }"
EVERY_INSIGHT = f"""{{
  metricPeriodComparison(metrics: [CONVERSATIONS], {WEEKS}, groupBy: [AGENT]) {{ {FRESHNESS} }}
  metricPeaks {{ {FRESHNESS} }}
  steadinessRanking(minimumIntervals: 0) {{ {FRESHNESS} }}
  fcrRoomRanking(minimumConversations: 4) {{ {FRESHNESS} }}
  kbSupportRanking {{ {FRESHNESS} }}
  metricBeforeAfter(metric: HANDLE_AVG_S, {WEEKS}) {{ {FRESHNESS} }}
}}"""
"""Every insight, each saying how current its figures are (per group or entry for the lists)."""


def _freshness_by_field(data: dict[str, Any]) -> dict[str, list[dict]]:
    return {
        field: [item["freshness"] for item in answer] if isinstance(answer, list) else [answer["freshness"]]
        for field, answer in data.items()
    }


@pytest.mark.parametrize("ending", ["finished", "process stopped"])
async def test_every_insight_says_a_bulk_import_holds_its_figures(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, ending: str
) -> None:
    await _teams(sessionmaker, settings)  # latest event: the watermark mover at 9 days
    lease = await take_lease(sessionmaker)
    touched = await deferred_batch(sessionmaker, lease, conversations("late-1", "late-2", start=10 * 86_400))  # 4 events each
    async with transaction(sessionmaker) as session:
        since = (await read_state(session)).deferred_since_us
    assert since is not None

    result = await _run(sessionmaker, settings, EVERY_INSIGHT)
    assert result.errors is None
    during = {
        "asOf": "2026-03-11T01:00:00+00:00", "current": False, "importInProgress": True,
        "importStartedAt": format_instant(since, settings.zone), "pendingEvents": 8,
    }
    # a1, a2, a3, a4, a5 compared; a1, a2, a3, a4 ranked by FCR room; no replies, so no steadiness entries
    assert _freshness_by_field(result.data) == {
        "metricPeriodComparison": [during] * 5, "metricPeaks": [during], "steadinessRanking": [],
        "fcrRoomRanking": [during] * 4, "kbSupportRanking": [during], "metricBeforeAfter": [during],
    }

    after = {
        "asOf": "2026-03-12T01:01:10+00:00", "current": True, "importInProgress": False, "importStartedAt": None,
        "pendingEvents": 0,
    }
    if ending == "finished":
        await finish(sessionmaker, lease, touched)
    else:
        # Nothing written: the next request repairs the facts once (its six root fields run side by side on one
        # session and wait for each other), then every answer says how current they are.
        await lease.hold.release()
    result = await _run(sessionmaker, settings, EVERY_INSIGHT)
    assert result.errors is None
    assert _freshness_by_field(result.data) == {
        "metricPeriodComparison": [after] * 5, "metricPeaks": [after], "steadinessRanking": [],
        "fcrRoomRanking": [after] * 4, "kbSupportRanking": [after], "metricBeforeAfter": [after],
    }
