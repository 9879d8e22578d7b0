"""The ASGI application: GraphQL at /graphql, liveness at /healthz, readiness at /readyz."""

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from server.config import Settings, get_settings
from server.context import Context
from server.db import create_engine, create_sessionmaker
from server.schema import schema
from workflows.client import temporal_reachable

logger = logging.getLogger(__name__)


class CoachloopGraphQL(GraphQL):
    """Strawberry's ASGI app with coachloop's per-request Context."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allow_queries_via_get=True,
            subscription_protocols=("graphql-transport-ws",),
        )
        self.settings = settings

    async def get_context(self, request: Request | WebSocket, response: Any = None) -> Context:
        state = request.app.state
        return Context(
            settings=self.settings,
            sessionmaker=state.sessionmaker,
            request=request,
            request_id=request.headers.get("x-request-id") or uuid.uuid4().hex,
            services=state.services,
        )


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Database and Temporal reachable, each reported; 503 when either is not."""
    state = request.app.state
    checks: dict[str, dict[str, Any]] = {}
    try:
        async with state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        checks["database"] = {"ok": True}
    except Exception as error:  # noqa: BLE001  (reported, not raised)
        checks["database"] = {"ok": False, "error": type(error).__name__}
    temporal_ok, temporal_error = await temporal_reachable(state.settings)
    checks["temporal"] = {"ok": temporal_ok} if temporal_ok else {"ok": False, "error": temporal_error}
    ready = all(check["ok"] for check in checks.values())
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503)


def create_app(settings: Settings | None = None) -> Starlette:
    """The application for ``settings`` (the environment's when omitted)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings)
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.services = {}
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
    return Starlette(routes=routes, lifespan=lifespan)
