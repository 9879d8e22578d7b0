"""HTTP-level protection of /graphql: GraphQL-shaped error responses and a request body size limit.

JSON leaves as UTF-8 without ``\\u`` escapes (Chinese text is sent as its own bytes),
with ``charset=utf-8`` in the content type.
"""

import json
from collections.abc import Mapping

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import ErrorCode

JSON = "application/json"


def json_bytes(data: object) -> bytes:
    """``data`` as compact UTF-8 JSON, non-ASCII characters unescaped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(data: object, *, status_code: int = 200, media_type: str = JSON, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON response in ``media_type`` (``application/json`` or ``application/graphql-response+json``), UTF-8."""
    return Response(json_bytes(data), status_code=status_code, headers=headers, media_type=f"{media_type}; charset=utf-8")


def error_response(
    message: str, code: ErrorCode, status_code: int, *, media_type: str = JSON, headers: Mapping[str, str] | None = None
) -> Response:
    """A GraphQL-shaped error body, so clients read ``errors[0].extensions.code`` as for any error.

    ``application/json`` keeps ``"data": null``; ``application/graphql-response+json`` leaves
    ``data`` out, as the GraphQL over HTTP draft asks of a request that never executed.
    """
    all_headers = dict(headers or {})
    if code is ErrorCode.UNAUTHENTICATED:
        all_headers["WWW-Authenticate"] = "Bearer"
    body: dict[str, object] = {"data": None} if media_type == JSON else {}
    body["errors"] = [{"message": message, "extensions": {"code": code.value}}]
    return json_response(body, status_code=status_code, media_type=media_type, headers=all_headers)


class RequestRefused(Exception):
    """A request refused before any GraphQL ran: its HTTP status, code and extra headers (``Allow``)."""

    def __init__(
        self,
        status_code: int,
        code: ErrorCode,
        message: str,
        headers: Mapping[str, str] | None = None,
        *,
        json_status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.json_status = json_status
        """The status in ``application/json`` when it differs (a GraphQL request error there is 200)."""

    def response(self, media_type: str = JSON) -> Response:
        status_code = self.json_status if media_type == JSON and self.json_status else self.status_code
        return error_response(self.message, self.code, status_code, media_type=media_type, headers=self.headers)


class _BodyTooLarge(Exception):
    """The request body passed the configured limit while it was being read."""


class BodySizeLimit:
    """ASGI middleware refusing request bodies larger than ``max_bytes`` with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = error_response("Request body too large.", ErrorCode.PAYLOAD_TOO_LARGE, 413)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await too_large(scope, receive, send)
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if started:
                raise
            await too_large(scope, receive, send)
