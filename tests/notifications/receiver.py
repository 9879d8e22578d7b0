"""A webhook receiver for the tests: a real HTTP server (uvicorn) that verifies Standard Webhooks signatures itself.

The verification is written here from the specification, apart from the server's
signing code: the signed content is ``{webhook-id}.{webhook-timestamp}.{body}``, the
key is the base64 text after ``whsec_``, and ``webhook-signature`` holds space-separated
``v1,<base64 HMAC-SHA256>`` entries of which one must match. A ``webhook-id`` seen
before is dropped (answered 200, not processed again).
"""

import asyncio
import base64
import hashlib
import hmac
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Whether one of the ``v1`` signatures was made with ``secret`` over this id, timestamp and body."""
    key = base64.b64decode(secret[len("whsec_"):])
    signed = headers["webhook-id"].encode() + b"." + headers["webhook-timestamp"].encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for entry in headers["webhook-signature"].split(" "):
        version, _, value = entry.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


@dataclass
class Seen:
    webhook_id: str
    timestamp: int
    verified: bool
    dropped: bool
    body: bytes
    headers: dict[str, str]


@dataclass
class Receiver:
    """Answers each new request with the next status of ``failures`` (nothing processed), then 204.

    ``lost_answers`` requests are processed but answered 500 (the answer lost on the way back).
    """

    secrets: list[str] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)
    lost_answers: int = 0
    seen: list[Seen] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        headers = {name: request.headers[name] for name in ("webhook-id", "webhook-timestamp", "webhook-signature")}
        verified = any(verify(secret, headers, body) for secret in self.secrets)
        dropped = verified and headers["webhook-id"] in self.processed
        self.seen.append(Seen(headers["webhook-id"], int(headers["webhook-timestamp"]), verified, dropped, body, headers))
        if not verified:
            return Response(status_code=401)
        if dropped:
            return Response(status_code=200)
        if self.failures:
            return Response(status_code=self.failures.pop(0))
        self.processed.append(headers["webhook-id"])
        if self.lost_answers:
            self.lost_answers -= 1
            return Response(status_code=500)
        return Response(status_code=204)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@asynccontextmanager
async def running(receiver: Receiver) -> AsyncIterator[str]:
    """The receiver served on a free local port; yields its URL."""
    port = free_port()
    app = Starlette(routes=[Route("/hook", receiver.handle, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/hook"
    finally:
        server.should_exit = True
        await task
