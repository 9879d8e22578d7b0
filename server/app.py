"""The ASGI application: GraphQL at /graphql, liveness at /healthz, readiness at /readyz.

The process keeps no state another replica would need (sessions per request, data in
the database, work in Temporal), so any number of copies can serve side by side.
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
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
from server.schema import schema
from workflows.client import LazyTemporalClient

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 2.0


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
                    request.state.principal = await self.verifier.verify_header(request.headers.get("authorization"))
                except Unauthenticated as error:
                    logger.info("unauthenticated GraphQL request refused: %s", error.message)
                    await error_response(error.message, error.code, 401)(scope, receive, send)
                    return
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Any = None) -> Context:
        state = request.app.state
        context = Context(
            settings=self.settings,
            sessionmaker=state.sessionmaker,
            request=request,
            request_id=request.headers.get("x-request-id") or uuid.uuid4().hex,
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


async def database_check(request: Request) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            async with request.app.state.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001  (reported, not raised)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


async def temporal_check(request: Request) -> dict[str, Any]:
    reachable, error = await request.app.state.temporal.reachable(CHECK_TIMEOUT_S)
    return {"ok": True} if reachable else {"ok": False, "error": error}


async def readyz(request: Request) -> Response:
    """Readiness: database and Temporal reachable, each reported; 503 when either is not."""
    database, temporal = await asyncio.gather(database_check(request), temporal_check(request))
    checks = {"database": database, "temporal": temporal}
    ready = all(check["ok"] for check in checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)


def create_app(settings: Settings | None = None) -> Starlette:
    """The application for ``settings`` (the environment's when omitted)."""
    settings = settings or get_settings()
    check_production_settings(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings)
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
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    middleware = [Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
