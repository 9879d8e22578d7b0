"""The ``metrics`` and ``metricCatalogue`` queries: the engine's numbers, the caller's scope, typed errors.

Executed on a schema of the metrics queries with the real policy enforcer and error codes.
"""

import json
import uuid
from typing import Any

import pytest
import strawberry
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.enforcer import PolicyEnforcer
from server.api.error_masking import ErrorCodes
from server.authz.identity import Principal
from server.authz.request import authorize_context
from server.config import Settings
from server.context import Context
from server.metrics.definitions import METRICS
from server.schema import SessionExtension
from server.metrics.queries import MetricsQuery
from tests.metrics.helpers import configure, ingest
from tests.metrics.scenario import BY_AGENT, BY_TEAM, TOTAL, morning
from tests.metrics.test_report_cli import report

SCHEMA = strawberry.Schema(query=MetricsQuery, extensions=[ErrorCodes, SessionExtension])
ADMIN = Principal("u-admin", frozenset({"admin"}))
VALUES = "values { key value sampleSize }"


@pytest.fixture
async def seeded(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> async_sessionmaker[AsyncSession]:
    await configure(sessionmaker, settings)
    await ingest(sessionmaker, settings, morning().items)
    return sessionmaker


async def execute(sessionmaker: Any, settings: Settings, query: str, principal: Principal = ADMIN) -> Any:
    context = Context(settings=settings, sessionmaker=sessionmaker, request_id=uuid.uuid4().hex,
                      policies=PolicyEnforcer(settings))
    await authorize_context(context, principal)
    return await SCHEMA.execute(query, context_value=context)


def records(rows: list[dict[str, Any]], dimensions: tuple[str, ...]) -> list[dict[str, Any]]:
    """GraphQL rows as the spec's row objects (dimension keys, then metric keys)."""
    names = {"agentId": "agent_id", "teamId": "team_id", "channel": "channel", "category": "category", "bucket": "bucket"}
    found = []
    for row in rows:
        record = {names[name]: row[name] for name in names if names[name] in dimensions}
        record.update({value["key"].lower(): value["value"] for value in row["values"]})
        found.append(record)
    return found


async def test_metrics_by_agent_and_team_are_the_hand_computed_ones(seeded: Any, settings: Settings) -> None:
    result = await execute(seeded, settings, f"{{ metrics(groupBy: [AGENT]) {{ agentId suppressed {VALUES} }} }}")
    assert result.errors is None, result.errors
    assert records(result.data["metrics"], ("agent_id",)) == [{k: (float(v) if isinstance(v, int) else v) for k, v in row.items()} for row in BY_AGENT]
    first = result.data["metrics"][0]
    assert first["suppressed"] is False
    assert first["values"][:2] == [{"key": "CONVERSATIONS", "value": 3.0, "sampleSize": 3},
                                   {"key": "HANDLED", "value": 3.0, "sampleSize": 3}]
    assert first["values"][2] == {"key": "FIRST_RESPONSE_AVG_S", "value": 30.0, "sampleSize": 2}

    result = await execute(seeded, settings, f"{{ metrics(groupBy: [TEAM], metrics: [NPS, CONVERSATIONS]) {{ teamId {VALUES} }} }}")
    assert records(result.data["metrics"], ("team_id",)) == [
        {"team_id": row["team_id"], "conversations": float(row["conversations"]), "nps": row["nps"]} for row in BY_TEAM
    ]


async def test_graphql_and_the_report_command_give_the_same_numbers(seeded: Any, settings: Settings, database_url: str) -> None:
    query = f'{{ metrics(filter: {{from: "2026-03-02", to: "2026-03-03T00:00:00+08:00", channels: ["CHAT"]}}, groupBy: [TEAM, DAY]) {{ teamId bucket {VALUES} }} }}'
    result = await execute(seeded, settings, query)
    assert result.errors is None, result.errors
    cli = report(database_url, "--format", "json", "--group-by", "team,day", "--from", "2026-03-02",
                 "--to", "2026-03-03T00:00:00+08:00", "--channels", "CHAT")
    assert cli.returncode == 0, cli.stderr
    expected = [{key: (float(value) if key in ("conversations", "handled") else value) for key, value in row.items()}
                for row in json.loads(cli.stdout)]
    assert records(result.data["metrics"], ("team_id", "bucket")) == expected
    assert [row["team_id"] for row in expected] == ["t1", "t2", None]


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
        ('filter: {from: "last week"}', "from: 'last week' is neither a date (YYYY-MM-DD) nor an ISO 8601 timestamp"),
        ('filter: {from: "2026-03-03", to: "2026-03-02"}', "'from' must not be after 'to'"),
    ],
)
async def test_bad_arguments_are_bad_user_input(seeded: Any, settings: Settings, arguments: str, message: str) -> None:
    result = await execute(seeded, settings, f"{{ metrics({arguments}) {{ bucket }} }}")
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
