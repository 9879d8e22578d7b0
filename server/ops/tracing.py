"""Traces across HTTP → GraphQL → SQL → Temporal, exported by OTLP/HTTP when ``COACHLOOP_OTLP_ENDPOINT`` is set.

Off (the default), every span below is OpenTelemetry's non-recording span: no
exporter, no SQL or Temporal instrumentation. On, each process (``api``, ``worker``,
``up``) installs one tracer provider named ``coachloop-<process>``; the HTTP span of the
access log middleware is the root (continuing an incoming ``traceparent``), the GraphQL
operation span its child, and SQL statements and Temporal calls (workflow starts,
workflows and activities on the worker) nest below. The SDK, exporter and SQLAlchemy
instrumentation come with the ``tracing`` extra.
"""

from typing import TYPE_CHECKING, Any

from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncEngine

from server.config import Settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

INSTRUMENTATION = "coachloop"
_provider: "TracerProvider | None" = None


class TracingUnavailable(RuntimeError):
    """COACHLOOP_OTLP_ENDPOINT is set but the ``tracing`` extra is not installed."""


def install(provider: "TracerProvider | None") -> None:
    """Trace through ``provider`` from now on (None: off)."""
    global _provider  # noqa: PLW0603  (one provider per process, like OpenTelemetry's own global)
    _provider = provider


def tracer() -> trace.Tracer:
    """The process's tracer; spans are non-recording while tracing is off."""
    return _provider.get_tracer(INSTRUMENTATION) if _provider is not None else trace.NoOpTracer()


def build_provider(settings: Settings, process: str) -> "TracerProvider | None":
    """A provider exporting spans of ``coachloop-<process>`` to ``COACHLOOP_OTLP_ENDPOINT``/v1/traces; None when unset."""
    if not settings.otlp_endpoint:
        return None
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: PLC0415
        from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
        from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415
        from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415
    except ImportError as error:  # optional: only a deployment that exports traces needs the SDK
        raise TracingUnavailable(
            "COACHLOOP_OTLP_ENDPOINT is set but OpenTelemetry's SDK is missing: install coachloop[tracing]"
        ) from error
    provider = TracerProvider(resource=Resource.create({"service.name": f"coachloop-{process}"}))
    exporter = OTLPSpanExporter(endpoint=f"{settings.otlp_endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def configure_tracing(settings: Settings, process: str) -> "TracerProvider | None":
    """Trace this process when ``COACHLOOP_OTLP_ENDPOINT`` is set (also as OpenTelemetry's global provider)."""
    provider = build_provider(settings, process)
    if provider is not None:
        trace.set_tracer_provider(provider)
        install(provider)
    return provider


def shutdown_tracing() -> None:
    """Export what is still buffered (before the process ends)."""
    if _provider is not None:
        _provider.shutdown()


def trace_engine(engine: AsyncEngine) -> None:
    """A span per SQL statement of ``engine`` while tracing is on."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer  # noqa: PLC0415  (tracing extra)
    from opentelemetry.metrics import NoOpMeter  # noqa: PLC0415

    # The engine's listeners alone: SQLAlchemyInstrumentor would also patch create_engine process-wide, once.
    connections = NoOpMeter(INSTRUMENTATION).create_up_down_counter("db.client.connections.usage")
    EngineTracer(_provider.get_tracer("opentelemetry.instrumentation.sqlalchemy"), engine.sync_engine, connections)


def temporal_interceptors() -> list[Any]:
    """Temporal's tracing interceptor while tracing is on (client calls; workers inherit it from their client)."""
    if _provider is None:
        return []
    from temporalio.contrib.opentelemetry import TracingInterceptor  # noqa: PLC0415

    return [TracingInterceptor(tracer=_provider.get_tracer("temporalio"))]
