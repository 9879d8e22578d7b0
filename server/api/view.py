"""The /graphql endpoint: Strawberry's ASGI view with coachloop's context, authentication and HTTP rules.

Before any GraphQL runs a request is checked in this order: its method (GET or POST,
else 405 with ``Allow``), the GraphiQL page (development only), its Accept header
(406 when it accepts no JSON type), its bearer token (401), then its parameters
(400/415, server/api/graphql_http.py) and its persisted query, if any. A mutation
over GET is refused with 405 and ``Allow: POST``. Every refusal is a GraphQL-shaped
body with ``errors[0].extensions.code``, in the negotiated media type.
"""

import json
import logging
from typing import Any, Protocol

from cross_web import AsyncHTTPRequestAdapter, HTTPException, StarletteRequestAdapter
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType

from server.api.graphiql import graphiql_page
from server.api.graphql_http import is_request_error, negotiate, request_parameters, response_status, shaped
from server.api.http import JSON, RequestRefused, json_bytes, json_response
from server.api.websocket import TransportWSHandler, authenticate_connection
from server.authz.identity import TokenVerifier
from server.authz.request import authorize_context
from server.config import Settings
from server.context import Context
from server.errors import ErrorCode, Unauthenticated
from server.kernel.telemetry import record_error
from server.ops.access_log import request_id_from
from server.people.signin import directory_principal
from server.timefmt import now_us
from server.ops.logs import CURRENT_REQUEST
from server.schema import schema

logger = logging.getLogger(__name__)

GRAPHQL_METHODS = ("GET", "POST")


class OperationDocuments(Protocol):
    """Where a request's document comes from when it names a persisted query (server/persisted)."""

    async def resolve(self, request_data: GraphQLRequestData, context: Context) -> GraphQLRequestData:
        """The request with its document, or RequestRefused."""
        ...

    async def remember(self, request_data: GraphQLRequestData, context: Context) -> None:
        """Called once the request's document parsed and validated."""
        ...


class AsSent:
    """Documents exactly as the client sent them; no persisted queries."""

    async def resolve(self, request_data: GraphQLRequestData, context: Context) -> GraphQLRequestData:
        return request_data

    async def remember(self, request_data: GraphQLRequestData, context: Context) -> None:
        return None


class _RequestAdapter(StarletteRequestAdapter):
    """Strawberry's view of a Starlette request, keeping the request itself at hand."""

    @property
    def request(self) -> Request:
        return self._request


class CoachloopGraphQL(GraphQL):
    """Strawberry's ASGI app with coachloop's per-request Context and the GraphQL over HTTP rules."""

    graphql_transport_ws_handler_class = TransportWSHandler
    request_adapter_class = _RequestAdapter

    def __init__(self, settings: Settings, documents: OperationDocuments | None = None) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allow_queries_via_get=True,
            subscription_protocols=("graphql-transport-ws",),
            allowed_origins=settings.allowed_origins,
        )
        self.settings = settings
        self.verifier = TokenVerifier(settings)
        self.documents = documents or AsSent()

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """A browser asking for the GraphiQL page (404 outside development); no operation runs.

        Only a GET that asks for HTML and names no operation (neither ``query`` nor
        ``extensions``, which may name a persisted query): ``*/*`` alone is an API client.
        """
        params = request.query_params
        return (
            request.method == "GET"
            and params.get("query") is None
            and params.get("extensions") is None
            and "text/html" in request.headers.get("accept", "")
        )

    def _is_ide_page(self, request: Request) -> bool:
        return self.should_render_graphql_ide(self.request_adapter_class(request))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self._respond(request)
        except (RequestRefused, HTTPException) as error:  # HTTPException: Strawberry's own refusals, should any remain
            refused = error if isinstance(error, RequestRefused) else RequestRefused(error.status_code, ErrorCode.BAD_REQUEST, error.reason)
            response = refused.response(getattr(request.state, "media_type", JSON))
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        if request.method not in GRAPHQL_METHODS:
            raise RequestRefused(405, ErrorCode.METHOD_NOT_ALLOWED, "GraphQL takes GET and POST.", {"Allow": "GET, POST"})
        if self._is_ide_page(request):
            if self.graphql_ide is None:
                raise RequestRefused(404, ErrorCode.NOT_FOUND, "Not found.")
            return await self.render_graphql_ide(request)
        media_type = negotiate(request.headers.get("accept"))
        if media_type is None:
            raise RequestRefused(406, ErrorCode.NOT_ACCEPTABLE, "Responses are application/graphql-response+json or application/json.")
        request.state.media_type = media_type
        await self._authenticate(request)
        return await self.run(request)

    async def _authenticate(self, request: Request) -> None:
        """No valid bearer token, or a deactivated user: 401 UNAUTHENTICATED before the request is parsed.

        The directory decides the caller's roles and teams (server/people/signin.py).
        """
        try:
            claimed = await self.verifier.verify_header(request.headers.get("authorization"))
            request.state.principal = await directory_principal(
                request.app.state.sessionmaker, claimed, now_us=now_us(),
                request_id=getattr(request.state, "request_id", None) or request_id_from(request.scope),
            )
        except Unauthenticated as error:
            logger.info("unauthenticated GraphQL request refused: %s", error.message)
            record_error(error.code.value)
            raise RequestRefused(401, error.code, error.message) from error
        if (current := CURRENT_REQUEST.get()) is not None:
            current.subject = request.state.principal.subject

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(graphiql_page())

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        assert isinstance(request, _RequestAdapter)
        return await request_parameters(request.request)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = getattr(request.state, "media_type", JSON)
        request.state.sub_response = sub_response
        return sub_response

    async def execute_single(  # noqa: PLR0917
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """One operation; GET may run queries only (a mutation is 405 with ``Allow: POST``)."""
        sent, request_data = request_data, await self.documents.resolve(request_data, context)
        allowed = OperationType.from_http(request_adapter.method)
        try:
            result = await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as error:
            message = f"{error.operation_type.value.capitalize()}s are not allowed over GET; use POST."
            raise RequestRefused(405, ErrorCode.METHOD_NOT_ALLOWED, message, {"Allow": "POST"}) from error
        except CannotGetOperationTypeError as error:
            raise RequestRefused(400, ErrorCode.BAD_REQUEST, error.as_http_error_reason()) from error
        except MissingQueryError as error:
            raise RequestRefused(400, ErrorCode.BAD_REQUEST, "The request has no GraphQL query.") from error
        if not is_request_error(result.data, result.errors):
            await self.documents.remember(sent, context)
        return result

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """The result's body; its status (200, or 4xx for a request error in graphql-response+json) goes on the sub-response."""
        media_type = request.state.media_type
        errors: list[GraphQLError] | None = result.errors
        request.state.sub_response.status_code = response_status(media_type, result.data, errors)
        return shaped(await super().process_result(request, result), media_type, request_error=is_request_error(result.data, errors))

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        media_type = sub_response.media_type or JSON
        response = json_response(response_data, status_code=sub_response.status_code or 200, media_type=media_type)
        response.headers.raw.extend(sub_response.headers.raw)
        response.background = sub_response.background
        return response

    def encode_json(self, data: object) -> str:
        return json_bytes(data).decode("utf-8")

    def decode_json(self, data: str | bytes) -> object:
        return json.loads(data)

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
