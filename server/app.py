"""The ASGI application: GraphQL at /graphql, liveness at /healthz, readiness at /readyz, Prometheus at /metrics.

The process keeps no state another replica would need (sessions per request, data in
the database, work in Temporal), so any number of copies can serve side by side.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from server.api.cors import Cors
from server.api.graphiql import graphiql_assets
from server.api.http import BodySizeLimit
from server.api.view import CoachloopGraphQL
from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import check_production_settings
from server.config import Settings, get_settings
from server.db import create_engine, create_sessionmaker
from server.features import FEATURES
from server.intents.service import intent_handlers
from server.intents.sweeper import sweep_forever
from server.kernel.telemetry import exposition
from server.metrics.export_http import metrics_csv_route
from server.ops.access_log import AccessLog
from server.ops.health import check_database, check_demo_load, check_temporal, readiness
from server.ops.tracing import trace_engine
from server.persisted.documents import PersistedDocuments
from workflows.client import LazyTemporalClient

API_REQUIRES = ("database",)
"""Without Temporal the API still serves every read; only its database is required."""


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
        sweeper = (
            asyncio.create_task(sweep_forever(app.state.sessionmaker, intent_handlers(FEATURES), settings))
            if settings.intent_sweep_seconds > 0 else None
        )
        try:
            yield
        finally:
            if sweeper is not None:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper
            await engine.dispose()

    graphql = CoachloopGraphQL(settings, PersistedDocuments(settings))
    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/graphql", graphql),  # every method: the view answers 405 with Allow itself
        WebSocketRoute("/graphql", graphql),
        metrics_csv_route(settings),
    ]
    if settings.is_development:
        routes.append(graphiql_assets())
    # Outermost first: the request id reaches every response (CORS refusals, 413s included).
    middleware = [
        Middleware(AccessLog),
        Middleware(Cors, allowed_origins=settings.allowed_origins),
        Middleware(GZipMiddleware, minimum_size=settings.gzip_minimum_bytes),
        Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
