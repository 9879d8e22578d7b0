"""HTTP-level protection of /graphql: bearer authentication and a request body size limit."""

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import ErrorCode


def error_response(message: str, code: ErrorCode, status_code: int) -> JSONResponse:
    """A GraphQL-shaped error body, so clients read ``errors[0].extensions.code`` as for any error."""
    headers = {"WWW-Authenticate": "Bearer"} if code is ErrorCode.UNAUTHENTICATED else None
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": code.value}}]}
    return JSONResponse(body, status_code=status_code, headers=headers)


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
