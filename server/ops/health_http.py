"""A small HTTP endpoint for a process that serves no HTTP otherwise (the worker).

GET only, one response per connection; each route is an async function returning
(status, content type, body). Enough for probes and a metrics scraper, nothing more.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus

logger = logging.getLogger(__name__)

READ_TIMEOUT_S = 5.0
MAX_HEAD_BYTES = 8192

Reply = tuple[int, str, bytes]
Route = Callable[[], Awaitable[Reply]]


def encode_response(status: int, content_type: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


async def respond(routes: Mapping[str, Route], head: bytes) -> Reply:
    """The reply to one request head: the route's, or 404/405/400."""
    request_line = head.split(b"\r\n", 1)[0].decode("latin-1").split()
    if len(request_line) != 3:
        return 400, "text/plain; charset=utf-8", b"bad request\n"
    method, target, _version = request_line
    route = routes.get(target.split("?", 1)[0])
    if route is None:
        return 404, "text/plain; charset=utf-8", b"not found\n"
    if method != "GET":
        return 405, "text/plain; charset=utf-8", b"method not allowed\n"
    return await route()


async def start_http_endpoint(host: str, port: int, routes: Mapping[str, Route]) -> asyncio.Server:
    """Listen on ``host:port`` and answer GET requests for ``routes``; close the returned server to stop."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT_S)
            writer.write(encode_response(*await respond(routes, head)))
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError) as error:
            logger.debug("health request dropped: %s", type(error).__name__)
        except Exception:
            logger.exception("health endpoint failed to answer")
            writer.write(encode_response(500, "text/plain; charset=utf-8", b"internal error\n"))
        finally:
            writer.close()

    return await asyncio.start_server(handle, host, port, limit=MAX_HEAD_BYTES)
