"""The ``metrics`` and ``metricCatalogue`` queries: the engine's numbers, the caller's scope, typed errors.

Executed on a schema of the metrics queries with the real policy enforcer and error codes.
"""

import json
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.enforcer import PolicyEnforcer
from server.api.error_masking import ErrorCodes
from server.authz.identity import Principal
from server.authz.request import authorize_context
from server.config import Settings
from server.context import Context
from server.kernel.scalars import SCALAR_MAP
from server.kernel.relay import from_global_id, to_global_id
from server.metrics.definitions import METRICS
from server.schema import SessionExtension
from server.metrics.queries import MetricsQuery
from tests.metrics.helpers import configure, ingest
from tests.metrics.scenario import BY_AGENT, BY_TEAM, TOTAL, morning
from tests.metrics.test_report_cli import report

SCHEMA = strawberry.Schema(
    query=MetricsQuery, extensions=[ErrorCodes, SessionExtension], config=StrawberryConfig(scalar_map=SCALAR_MAP)
)
ADMIN = Principal("u-admin", frozenset({"admin"}))
VALUES = "values { key value sampleSize }"
COUNTED = "values { key value count sampleSize }"


@pytest.fixture
async def seeded(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> async_sessionmaker[AsyncSession]:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, morning().items)
    return sessionmaker


async def execute(
    sessionmaker: Any, settings: Settings, query: str, principal: Principal = ADMIN, *,
    accept_language: str | None = None, variables: dict[str, Any] | None = None,
) -> Any:
    request = SimpleNamespace(headers={"accept-language": accept_language}) if accept_language else None
    context = Context(settings=settings, sessionmaker=sessionmaker, request=request, request_id=uuid.uuid4().hex,  # type: ignore[arg-type]
                      policies=PolicyEnforcer(settings))
    await authorize_context(context, principal)
    return await SCHEMA.execute(query, context_value=context, variable_values=variables)


def _key(global_id: str | None, type_name: str) -> str | None:
    return None if global_id is None else from_global_id(global_id, type_name)


def records(rows: list[dict[str, Any]], dimensions: tuple[str, ...]) -> list[dict[str, Any]]:
    """GraphQL rows as the spec's row objects (dimension keys, then metric keys; day buckets as `YYYY-MM-DD`)."""
    readers = {
        "agent_id": lambda row: _key(row["agentId"], "Agent"), "team_id": lambda row: _key(row["teamId"], "Team"),
        "channel": lambda row: row["channel"], "category": lambda row: row["category"],
        "bucket": lambda row: row["bucketDate"],
    }
    found = []
    for row in rows:
        record = {name: read(row) for name, read in readers.items() if name in dimensions}
        record.update({value["key"].lower(): value["value"] for value in row["values"]})
        found.append(record)
    return found


async def test_metrics_by_agent_and_team_are_the_hand_computed_ones(seeded: Any, settings: Settings) -> None:
    result = await execute(seeded, settings, f"{{ metrics(groupBy: [AGENT]) {{ agentId suppressed {COUNTED} }} }}")
    assert result.errors is None, result.errors
    assert records(result.data["metrics"], ("agent_id",)) == [{k: (float(v) if isinstance(v, int) else v) for k, v in row.items()} for row in BY_AGENT]
    first = result.data["metrics"][0]
    assert first["agentId"] == to_global_id("Agent", "a1")
    assert first["suppressed"] is False
    assert first["values"][:2] == [{"key": "CONVERSATIONS", "value": 3.0, "count": 3, "sampleSize": 3},
                                   {"key": "HANDLED", "value": 3.0, "count": 3, "sampleSize": 3}]
    assert first["values"][2] == {"key": "FIRST_RESPONSE_AVG_S", "value": 30.0, "count": None, "sampleSize": 2}
    counts = [{value["key"].lower(): value["count"] for value in row["values"][:2]} for row in result.data["metrics"]]
    assert counts == [{"conversations": row["conversations"], "handled": row["handled"]} for row in BY_AGENT]

    result = await execute(seeded, settings, f"{{ metrics(groupBy: [TEAM], metrics: [NPS, CONVERSATIONS]) {{ teamId {VALUES} }} }}")
    assert records(result.data["metrics"], ("team_id",)) == [
        {"team_id": row["team_id"], "conversations": float(row["conversations"]), "nps": row["nps"]} for row in BY_TEAM
    ]


async def test_graphql_and_the_report_command_give_the_same_numbers(seeded: Any, settings: Settings, database_url: str) -> None:
    query = (
        '{ metrics(filter: {period: {from: "2026-03-02", end: "2026-03-03T00:00:00+08:00"}, channels: ["CHAT"]}, '
        f"groupBy: [TEAM, DAY]) {{ teamId bucketDate bucketStart {VALUES} }} }}"
    )
    result = await execute(seeded, settings, query)
    assert result.errors is None, result.errors
    cli = report(database_url, "--format", "json", "--group-by", "team,day", "--from", "2026-03-02",
                 "--to", "2026-03-03T00:00:00+08:00", "--channels", "CHAT")
    assert cli.returncode == 0, cli.stderr
    expected = [{key: (float(value) if key in ("conversations", "handled") else value) for key, value in row.items()}
                for row in json.loads(cli.stdout)]
    assert records(result.data["metrics"], ("team_id", "bucket")) == expected
    assert [row["team_id"] for row in expected] == ["t1", "t2", None]
    assert {row["bucketStart"] for row in result.data["metrics"]} == {"2026-03-02T00:00:00+08:00"}


async def test_a_manager_sees_only_the_facts_of_their_teams(seeded: Any, settings: Settings) -> None:
    manager = Principal("u-mgr", frozenset({"manager"}), frozenset({"t2"}))
    result = await execute(seeded, settings, f"{{ metrics(metrics: [CONVERSATIONS, RESPONSE_AVG_S]) {{ {VALUES} }} }}", manager)
    assert result.errors is None, result.errors
    assert result.data["metrics"] == [{"values": [
        {"key": "CONVERSATIONS", "value": 1.0, "sampleSize": 1},          # c3, a2's in t2
        {"key": "RESPONSE_AVG_S", "value": 15.0, "sampleSize": 1},
    ]}]
    result = await execute(seeded, settings, f"{{ metrics(metrics: [CONVERSATIONS]) {{ {VALUES} }} }}")
    assert result.data["metrics"][0]["values"][0]["value"] == float(TOTAL["conversations"])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("groupBy: [DAY, HOUR]", "at most one time bucket may be grouped by, got hour, day"),
        ('filter: {period: {from: "2026-03-03", to: "2026-03-02"}}',
         "filter.period: `from` must not be after `to` (both days are included) / filter.period：`from` 不能晚于 `to`（首尾两天均包含）"),
        ('filter: {period: {start: "2026-03-03T00:00:00+08:00", end: "2026-03-02T00:00:00+08:00"}}', "'from' must not be after 'to'"),
        ('filter: {period: {from: "2026-03-02", start: "2026-03-02T00:00:00+08:00"}}',
         "filter.period: give `from` or `start`, not both / filter.period：`from` 与 `start` 只能二选一"),
        ('filter: {period: {to: "2026-03-02", end: "2026-03-02T00:00:00+08:00"}}',
         "filter.period: give `to` or `end`, not both / filter.period：`to` 与 `end` 只能二选一"),
        ('filter: {teamIds: ["t1"]}', "'t1' is not a global id"),
        (f'filter: {{agentIds: ["{to_global_id("Team", "t1")}"]}}', "expected the id of Agent, got the id of Team"),
    ],
)
async def test_bad_arguments_are_bad_user_input(seeded: Any, settings: Settings, arguments: str, message: str) -> None:
    result = await execute(seeded, settings, f"{{ metrics({arguments}) {{ bucketDate }} }}")
    assert result.data is None
    assert [(error.extensions["code"], error.message) for error in result.errors] == [("BAD_USER_INPUT", message)]


async def test_metric_catalogue(seeded: Any, settings: Settings) -> None:
    query = "{ metricCatalogue { key unit direction labelZh labelEn explanationZh explanationEn formula } }"
    result = await execute(seeded, settings, query)
    assert result.errors is None, result.errors
    catalogue = result.data["metricCatalogue"]
    assert [entry["key"] for entry in catalogue] == [definition.key.upper() for definition in METRICS]
    assert catalogue[2] == {
        "key": "FIRST_RESPONSE_AVG_S", "unit": "SECONDS", "direction": "LOWER", "labelZh": "平均首次响应时长（秒）",
        "labelEn": "Average first response (s)", "explanationZh": METRICS[2].explanation_zh,
        "explanationEn": METRICS[2].explanation_en, "formula": METRICS[2].formula,
    }
    assert {entry["unit"] for entry in catalogue} == {"COUNT", "SECONDS", "SHARE", "SCORE", "NPS"}


@pytest.mark.parametrize(
    ("accept_language", "label", "explanation"),
    [
        (None, "平均首次响应时长（秒）", METRICS[2].explanation_zh),
        ("en-GB,en;q=0.9", "Average first response (s)", METRICS[2].explanation_en),
        ("fr, zh-CN;q=0.5, en;q=0.8", "Average first response (s)", METRICS[2].explanation_en),
        ("zh-TW", "平均首次响应时长（秒）", METRICS[2].explanation_zh),
    ],
)
async def test_catalogue_labels_follow_the_request_language(
    seeded: Any, settings: Settings, accept_language: str | None, label: str, explanation: str
) -> None:
    result = await execute(seeded, settings, "{ metricCatalogue { label explanation } }", accept_language=accept_language)
    assert result.errors is None, result.errors
    assert result.data["metricCatalogue"][2] == {"label": label, "explanation": explanation}


async def test_hour_buckets_start_at_an_instant_and_have_no_date(seeded: Any, settings: Settings) -> None:
    query = (
        '{ metrics(filter: {period: {from: "2026-03-02", to: "2026-03-02"}}, groupBy: [HOUR], metrics: [CONVERSATIONS]) '
        "{ bucketStart bucketDate values { count } } }"
    )
    hours = await execute(seeded, settings, query)
    days = await execute(seeded, settings, query.replace("[HOUR]", "[DAY]"))
    assert hours.errors is None and days.errors is None, (hours.errors, days.errors)
    assert {row["bucketDate"] for row in hours.data["metrics"]} == {None}
    assert all(row["bucketStart"].startswith("2026-03-02T") and row["bucketStart"].endswith("+08:00") for row in hours.data["metrics"])
    assert days.data["metrics"] == [{"bucketStart": "2026-03-02T00:00:00+08:00", "bucketDate": "2026-03-02", "values": [
        {"count": sum(row["values"][0]["count"] for row in hours.data["metrics"])}
    ]}]


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ('{ metrics(filter: {period: {start: "2026-03-02T00:00:00"}}) { bucketDate } }', None, "GRAPHQL_VALIDATION_FAILED"),
        ("query ($p: PeriodInput) { metrics(filter: {period: $p}) { bucketDate } }",
         {"p": {"start": "2026-03-02T00:00:00"}}, "BAD_USER_INPUT"),
    ],
    ids=["literal", "variable"],
)
async def test_an_instant_without_offset_is_refused(
    seeded: Any, settings: Settings, query: str, variables: dict[str, Any] | None, code: str
) -> None:
    result = await execute(seeded, settings, query, variables=variables)
    assert result.data is None
    assert [error.extensions["code"] for error in result.errors] == [code]
    assert "DateTime must be RFC 3339 with an offset" in result.errors[0].message
