"""Traces: one GraphQL request is an HTTP span, its operation span and the SQL statements below; a workflow start nests too."""

import re
import json
import uuid
from collections.abc import Callable, Iterator

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from temporalio.testing import WorkflowEnvironment

from server.app import create_app
from server.config import Settings
from server.ops.demo import demo_input
from server.ops.logs import configure_logging
from server.ops.tracing import build_provider, install, tracer
from tests.ops.support import serve
from workflows.client import connect
from workflows.demo.workflows import LoadDemoDataWorkflow

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Tracing on for this test, into memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    install(provider)
    yield exporter
    install(None)
    provider.shutdown()


def ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[str]:
    names = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        names.append(span.name)
    return names


async def test_a_graphql_request_traces_http_then_the_operation_then_its_sql(
    settings: Settings, auth_headers: Callable[..., dict[str, str]], spans: InMemorySpanExporter,
    capsys: pytest.CaptureFixture[str], restore_logging: None,
) -> None:
    configure_logging(settings.model_copy(update={"log_format": "json", "log_level": "INFO"}))
    async with serve(create_app(settings)) as client:
        response = await client.post(
            "/graphql", json={"query": "query Teams { teams { id } }"},
            headers={**auth_headers(), "traceparent": f"00-{TRACE_ID}-{PARENT_ID}-01"},
        )
    assert response.json()["data"] == {"teams": []}
    finished = spans.get_finished_spans()
    by_id = {span.context.span_id: span for span in finished}
    http = [span for span in finished if span.kind is SpanKind.SERVER]
    assert [(span.name, span.attributes["http.response.status_code"]) for span in http] == [("POST /graphql", 200)]
    assert format(http[0].context.trace_id, "032x") == TRACE_ID
    assert format(http[0].parent.span_id, "016x") == PARENT_ID
    operation = [span for span in finished if span.name == "query Teams"]
    assert len(operation) == 1 and operation[0].parent.span_id == http[0].context.span_id
    statements = {span.attributes["db.statement"]: span for span in finished if span.attributes.get("db.statement")}
    teams = [span for statement, span in statements.items() if re.search(r"FROM team\b", statement)]  # not team_lead (sign-in)
    assert [ancestors(span, by_id) for span in teams] == [["query Teams", "POST /graphql"]]
    # the policy check of the request's context runs before the operation: directly under the HTTP span
    policy = [span for statement, span in statements.items() if "FROM policy_revision" in statement]
    assert [ancestors(span, by_id) for span in policy] == [["POST /graphql"]]
    assert {span.context.trace_id for span in finished} == {http[0].context.trace_id}
    access = [json.loads(line) for line in capsys.readouterr().err.splitlines() if '"coachloop.access"' in line]
    assert [line["trace_id"] for line in access] == [TRACE_ID]


async def test_a_workflow_start_is_a_span_of_the_caller(
    settings: Settings, temporal_dev_address: str, spans: InMemorySpanExporter
) -> None:
    configured = settings.model_copy(update={
        "temporal_address": temporal_dev_address, "temporal_task_queue": f"idle-{uuid.uuid4().hex}",
    })
    client = await connect(configured)
    workflow_id = f"traced-{uuid.uuid4().hex}"
    with tracer().start_as_current_span("caller") as caller:
        handle = await client.start_workflow(
            LoadDemoDataWorkflow.run, demo_input(configured), id=workflow_id, task_queue=configured.temporal_task_queue
        )
    await handle.terminate("test finished")
    started = [span for span in spans.get_finished_spans() if span.name == "StartWorkflow:LoadDemoDataWorkflow"]
    assert [(span.parent.span_id, span.context.trace_id) for span in started] == [
        (caller.get_span_context().span_id, caller.get_span_context().trace_id)
    ]


def test_tracing_is_off_without_an_endpoint_and_names_the_process_with_one() -> None:
    assert build_provider(Settings(), "api") is None
    provider = build_provider(Settings(otlp_endpoint="http://127.0.0.1:4318"), "worker")
    assert provider is not None
    try:
        assert provider.resource.attributes["service.name"] == "coachloop-worker"
    finally:
        provider.shutdown()
