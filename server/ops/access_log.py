"""One access line per HTTP request, with its request id, principal, GraphQL operation and duration.

The request id is the client's ``X-Request-Id`` when it is a sane token, else a new
one; it is echoed in the response's ``X-Request-Id`` and kept in the scope's state,
so the GraphQL context and every log line of the request use the same id. Probes and
scrapes (``/healthz``, ``/readyz``, ``/metrics``) are logged at DEBUG. The request is
also the root span of its trace (continuing an incoming ``traceparent``; server/ops/tracing.py).
"""

import logging
import re
import time
import uuid

from opentelemetry import propagate
from opentelemetry.trace import SpanKind, use_span
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.ops.logs import CURRENT_REQUEST, RequestLog
from server.ops.tracing import tracer

logger = logging.getLogger("coachloop.access")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def request_id_from(scope: Scope) -> str:
    """The client's X-Request-Id when well-formed (letters, digits, ``._:-``, at most 128), else a new id."""
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if REQUEST_ID.match(given):
                return given
    return uuid.uuid4().hex


class AccessLog:
    """ASGI middleware: request id in, access line out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        record = RequestLog(request_id_from(scope))
        scope.setdefault("state", {})["request_id"] = record.request_id
        token = CURRENT_REQUEST.set(record)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", record.request_id.encode())]
            await send(message)

        method, path = scope.get("method", ""), scope.get("path", "")
        incoming = propagate.extract({name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]})
        span = tracer().start_span(
            f"{method} {path}", context=incoming, kind=SpanKind.SERVER,
            attributes={"http.request.method": method, "url.path": path, "coachloop.request_id": record.request_id},
        )
        if span.get_span_context().is_valid:
            record.trace_id = format(span.get_span_context().trace_id, "032x")
        try:
            with use_span(span, end_on_exit=True):
                await self.app(scope, receive, send_with_id)
                span.set_attribute("http.response.status_code", status)
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 3)
            logger.log(
                logging.DEBUG if path in QUIET_PATHS else logging.INFO,
                "%s %s %s %.1f ms", method, path, status, duration_ms,
                extra={"method": method, "path": path, "status": status, "duration_ms": duration_ms},
            )
            CURRENT_REQUEST.reset(token)
