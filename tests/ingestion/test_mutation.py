"""The ``ingestEvents`` mutation through the ASGI application (lifespan entered, real database)."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.authz.identity import mint_token
from server.ingestion.codes import RejectionCode
from server.ingestion.types import IngestErrorCode
from tests.ingestion.events import event
from tests.ingestion.state import rows, table_counts

INGEST = """
mutation Ingest($input: IngestEventsInput!) {
  ingestEvents(input: $input) {
    result {
      accepted duplicates conflicts rejected
      results { index id status errors { field code message } }
    }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def client(settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the application, authenticated as the ``ingest`` service role."""
    app = create_app(settings)
    token = mint_token(settings, subject="helpdesk-connector", roles=["ingest"])
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://coachloop.test",
            headers={"Authorization": f"Bearer {token}"},
        ) as client:
            yield client


async def ingest(client: httpx.AsyncClient, events: list[Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": INGEST, "variables": {"input": {"events": events}}}, headers=headers)
    assert response.status_code == 200
    return response.json()


def result_of(body: dict[str, Any]) -> dict[str, Any]:
    """The per-event results of a call that was not refused as a whole."""
    assert "errors" not in body
    assert body["data"]["ingestEvents"]["userErrors"] == []
    return body["data"]["ingestEvents"]["result"]


async def test_results_come_back_in_input_order(client, sessionmaker) -> None:
    events = [
        event("team.upserted", "团队-1", name="客服一组"),
        42,
        event("conversation.started", "开始-1", channel=" 小程序 ", category="售后"),
        event("feedback.submitted", "fb-1", csat=4.0, nps=11),
        event("conversation.started", "开始-1", channel="小程序", category="售后"),
        event("conversation.started", "开始-1", channel="电话"),
        event("team.upserted", "local", ts="2026-03-02T09:15:00"),
    ]
    result = result_of(await ingest(client, events))
    assert (result["accepted"], result["duplicates"], result["conflicts"], result["rejected"]) == (2, 0, 2, 3)
    assert [(item["index"], item["id"], item["status"]) for item in result["results"]] == [
        (0, "团队-1", "ACCEPTED"),
        (1, None, "REJECTED"),
        (2, "开始-1", "ACCEPTED"),
        (3, "fb-1", "REJECTED"),
        (4, "开始-1", "CONFLICT"),  # " 小程序 " and "小程序" are different content
        (5, "开始-1", "CONFLICT"),
        (6, "local", "REJECTED"),
    ]
    assert [[(error["field"], error["code"]) for error in item["errors"]] for item in result["results"]] == [
        [], [(None, "NOT_AN_OBJECT")], [], [("csat", "WRONG_TYPE"), ("nps", "OUT_OF_RANGE")], [], [],
        [("ts", "TIMESTAMP_WITHOUT_OFFSET")],
    ]
    assert result["results"][3]["errors"][1]["message"] == "'nps' must be from 0 to 10, got 11"
    assert [(row["team_id"], row["name"]) for row in await rows(sessionmaker, "team")] == [("team-1", "客服一组")]
    assert [(row["channel"], row["category"]) for row in await rows(sessionmaker, "conversation_event")] == [("小程序", "售后")]
    stored = {row["id"]: row["payload"] for row in await rows(sessionmaker, "event")}
    assert '"name":"客服一组"' in stored["团队-1"]


async def test_a_second_call_with_the_same_events_is_all_duplicates(client, sessionmaker) -> None:
    events = [event("message.sent", f"m-{number}", text=f"第{number}条消息：您好！") for number in range(3)]
    await ingest(client, events)
    again = result_of(await ingest(client, list(reversed(events))))
    assert (again["accepted"], again["duplicates"], again["conflicts"], again["rejected"]) == (0, 3, 0, 0)
    assert [item["id"] for item in again["results"]] == ["m-2", "m-1", "m-0"]
    assert sorted(row["text"] for row in await rows(sessionmaker, "message")) == [
        "第0条消息：您好！", "第1条消息：您好！", "第2条消息：您好！"
    ]


@pytest.mark.parametrize(
    ("language", "message"),
    [(None, "每次最多 1000 个事件，实际 1001 个，请分批提交"), ("en", "at most 1000 events per call, got 1001; split the batch")],
)
async def test_more_than_1000_events_is_a_user_error_and_stores_nothing(
    client, sessionmaker, language: str | None, message: str
) -> None:
    events = [event("team.upserted", f"t-{number}") for number in range(1001)]
    body = await ingest(client, events, headers={"Accept-Language": language} if language else None)
    assert body["data"] == {"ingestEvents": {"result": None, "userErrors": [
        {"field": ["input", "events"], "message": message, "code": "INVALID"}
    ]}}
    assert (await table_counts(sessionmaker))["event"] == 0
    accepted = result_of(await ingest(client, events[:1000]))
    assert accepted["accepted"] == 1000


def test_graphql_error_codes_mirror_the_rejection_codes() -> None:
    assert [code.name for code in IngestErrorCode] == [code.name for code in RejectionCode]
    assert [code.value for code in IngestErrorCode] == [code.value for code in RejectionCode]
