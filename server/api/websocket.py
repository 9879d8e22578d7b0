"""graphql-transport-ws: the bearer token is checked at connection_init and again before each operation.

Errors reach WebSocket clients with the same ``extensions.code`` as over HTTP (see
``ErrorCodes.on_stream_result``). A refused connection_init closes the socket with code
4403 and, as the close reason, the same error object HTTP sends in ``errors[0]``
(``{"message": …, "extensions": {"code": "UNAUTHENTICATED"}}``). An operation sent
after the token has expired is answered by an ``error`` message carrying UNAUTHENTICATED,
and one whose document the persisted-query mode refuses (not on the allow-list) by an
``error`` message with that code, as over HTTP.
"""

import json
import time
from typing import Any, cast

from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler, Operation
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage

from server.api.http import RequestRefused
from server.authz.identity import TokenVerifier
from server.authz.request import authorize_context
from server.people.signin import directory_principal
from server.timefmt import now_us
from server.context import Context
from server.errors import Unauthenticated

REFUSED_CLOSE_CODE = 4403


def error_object(error: Unauthenticated | RequestRefused) -> dict[str, Any]:
    """The error as HTTP sends it in ``errors``."""
    return {"message": error.message, "extensions": {"code": error.code.value}}


def _connection_header(params: dict[str, Any]) -> str | None:
    """connection_init's payload names the token as ``authorization`` (a header value) or ``token``."""
    header = params.get("authorization") or params.get("Authorization")
    token = params.get("token")
    if not header and isinstance(token, str):
        header = f"Bearer {token}"
    return header if isinstance(header, str) else None


async def authenticate_connection(verifier: TokenVerifier, context: Context) -> None:
    """Bind the principal of connection_init's token to the connection, or refuse the connection."""
    params = context.connection_params if isinstance(context.connection_params, dict) else {}
    try:
        claimed = await verifier.verify_header(_connection_header(params))
        principal = await directory_principal(context.sessionmaker, claimed, now_us=now_us(), request_id=context.request_id)
    except Unauthenticated as error:
        context.connection_refusal = error
        raise ConnectionRejectionError(error_object(error)) from error
    await authorize_context(context, principal)


def _expired(context: Context) -> Unauthenticated | None:
    expires_at = getattr(context.principal, "expires_at", None)
    if expires_at is not None and expires_at + context.settings.jwt_leeway_seconds < time.time():
        return Unauthenticated("token expired")
    return None


class _ExplainedClose:
    """The socket adapter, closing a refused connection with the refusal as its reason."""

    def __init__(self, websocket: Any, context: Context) -> None:
        self.websocket = websocket
        self.context = context

    def __getattr__(self, name: str) -> Any:
        return getattr(self.websocket, name)

    async def close(self, code: int, reason: str) -> None:
        refusal = getattr(self.context, "connection_refusal", None)
        if code == REFUSED_CLOSE_CODE and refusal is not None:
            reason = json.dumps(error_object(refusal), ensure_ascii=False, separators=(",", ":"))
        await self.websocket.close(code=code, reason=reason)


class TransportWSHandler(BaseGraphQLTransportWSHandler):
    """Strawberry's graphql-transport-ws handler with explained refusals and a token checked per operation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.websocket = _ExplainedClose(self.websocket, cast(Context, self.context))  # type: ignore[assignment]

    async def _refusal(self, operation: Operation) -> Unauthenticated | RequestRefused | None:
        """Why the operation may not run: an expired token, or a document the persisted-query mode refuses."""
        context = cast(Context, self.context)
        expired = _expired(context)
        if expired is not None:
            return expired
        documents = getattr(self.view, "documents", None)
        if documents is None:
            return None
        request = GraphQLRequestData(query=operation.query, variables=operation.variables, operation_name=operation.operation_name, extensions=None)
        try:
            await documents.resolve(request, context)
        except RequestRefused as refused:
            return refused
        return None

    async def run_operation(self, operation: Operation) -> None:
        refusal = await self._refusal(operation)
        if refusal is None:
            await super().run_operation(operation)
            return
        message: ErrorMessage = {"id": operation.id, "type": "error", "payload": [error_object(refusal)]}  # type: ignore[list-item]
        await operation.send_operation_message(message)
