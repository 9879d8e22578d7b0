"""The ASGI application: GraphQL at /graphql, liveness at /healthz, readiness at /readyz, Prometheus at /metrics.

The process keeps no state another replica would need (sessions per request, data in
the database, work in Temporal), so any number of copies can serve side by side.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types.unset import UNSET, UnsetType

from server.authz.enforcer import PolicyEnforcer
from server.api.http import BodySizeLimit, error_response
from server.authz.identity import TokenVerifier, check_production_settings
from server.authz.request import authorize_context
from server.api.websocket import TransportWSHandler, authenticate_connection
from server.config import Settings, get_settings
from server.context import Context
from server.db import create_engine, create_sessionmaker
from server.errors import Unauthenticated
from server.ops.access_log import AccessLog, request_id_from
from server.ops.health import check_database, check_demo_load, check_temporal, readiness
from server.ops.logs import CURRENT_REQUEST
from server.kernel.telemetry import exposition, record_error
from server.ops.tracing import trace_engine
from server.people.signin import directory_principal
from server.schema import schema
from server.timefmt import now_us
from workflows.client import LazyTemporalClient

logger = logging.getLogger(__name__)

API_REQUIRES = ("database",)
"""Without Temporal the API still serves every read; only its database is required."""


class CoachloopGraphQL(GraphQL):
    """Strawberry's ASGI app with coachloop's per-request Context."""

    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allow_queries_via_get=True,
            subscription_protocols=("graphql-transport-ws",),
        )
        self.settings = settings
        self.verifier = TokenVerifier(settings)

    def _is_ide_page(self, request: Request) -> bool:
        """A browser asking for the GraphiQL page (404 outside development); no operation runs."""
        return self.should_render_graphql_ide(self.request_adapter_class(request))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Authenticate every HTTP operation before it is parsed: no valid bearer token, 401 UNAUTHENTICATED."""
        if scope["type"] == "http":
            request = Request(scope, receive)
            if not self._is_ide_page(request):
                try:
                    claimed = await self.verifier.verify_header(request.headers.get("authorization"))
                    request.state.principal = await directory_principal(
                        request.app.state.sessionmaker, claimed, now_us=now_us(),
                        request_id=getattr(request.state, "request_id", None) or request_id_from(scope),
                    )
                except Unauthenticated as error:
                    logger.info("unauthenticated GraphQL request refused: %s", error.message)
                    record_error(error.code.value)
                    await error_response(error.message, error.code, 401)(scope, receive, send)
                    return
                if (current := CURRENT_REQUEST.get()) is not None:
                    current.subject = request.state.principal.subject
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Any = None) -> Context:
        state = request.app.state
        context = Context(
            settings=self.settings,
            sessionmaker=state.sessionmaker,
            request=request,
            request_id=getattr(request.state, "request_id", None) or request_id_from(request.scope),
            policies=state.policies,
        )
        principal = getattr(request.state, "principal", None)
        if principal is not None:
            await authorize_context(context, principal)
        return context

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """graphql-transport-ws: the token comes in connection_init's payload (``authorization`` or ``token``)."""
        await authenticate_connection(self.verifier, context)
        return UNSET


async def healthz(_request: Request) -> Response:
    """Liveness: the process answers; nothing else is checked."""
    return JSONResponse({"status": "ok"})


async def metrics(_request: Request) -> Response:
    """Prometheus exposition of this process's series (server/ops/telemetry.py)."""
    body, content_type = exposition()
    return Response(body, media_type=content_type)


async def readyz(request: Request) -> Response:
    """Readiness: ready when the database answers; Temporal (and with the demo on, its load) only reported."""
    state = request.app.state
    database, temporal = await asyncio.gather(check_database(state.engine), check_temporal(state.temporal))
    checks = {"database": database, "temporal": temporal}
    if state.settings.demo and temporal["ok"]:
        checks["demo"] = await check_demo_load(state.temporal)
    status_code, body = readiness(checks, required=API_REQUIRES)
    return JSONResponse(body, status_code=status_code)


def create_app(settings: Settings | None = None) -> Starlette:
    """The application for ``settings`` (the environment's when omitted)."""
    settings = settings or get_settings()
    check_production_settings(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings)
        trace_engine(engine)
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.temporal = LazyTemporalClient(settings)
        app.state.policies = PolicyEnforcer(settings)
        try:
            yield
        finally:
            await engine.dispose()

    graphql = CoachloopGraphQL(settings)
    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    middleware = [Middleware(AccessLog), Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
