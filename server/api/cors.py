"""CORS: pages on the configured origins may call the API from a browser; every other origin gets no CORS header.

Requests carry a bearer token, never cookies, so credentials are not allowed and the
origin is echoed (with ``Vary: Origin``) only when it is on the list, or for any origin
when the list is ``*`` (development). A preflight (``OPTIONS`` with
``Access-Control-Request-Method``) is answered here: 204 with the allowed methods and
headers for an allowed origin, 403 without any CORS header otherwise.
"""

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.api.http import error_response
from server.errors import ErrorCode

ALLOWED_METHODS = "GET, POST"
ALLOWED_HEADERS = "authorization, content-type, x-request-id, accept-language"
EXPOSED_HEADERS = "X-Request-Id, Content-Disposition"
"""Response headers a page on another origin may read: the request id, and the file name of a CSV export."""
PREFLIGHT_MAX_AGE_SECONDS = 600


class Cors:
    """ASGI middleware answering preflights and marking responses to allowed origins."""

    def __init__(self, app: ASGIApp, allowed_origins: tuple[str, ...]) -> None:
        self.app = app
        self.allow_any = "*" in allowed_origins
        self.allowed_origins = frozenset(allowed_origins)

    def allows(self, origin: str) -> bool:
        """Whether pages on ``origin`` may read the API's responses."""
        return self.allow_any or origin in self.allowed_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        allowed = self.allows(origin)
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin, allowed)(scope, receive, send)
            return
        if not allowed:
            await self.app(scope, receive, send)
            return

        async def send_marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-expose-headers", EXPOSED_HEADERS.encode()),
                    (b"vary", b"Origin"),
                ]
            await send(message)

        await self.app(scope, receive, send_marked)

    @staticmethod
    def _preflight(origin: str, allowed: bool) -> Response:
        if not allowed:
            return error_response("Origin not allowed.", ErrorCode.FORBIDDEN, 403)
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE_SECONDS),
                "Access-Control-Expose-Headers": EXPOSED_HEADERS,
                "Vary": "Origin",
            },
        )
