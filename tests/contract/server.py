"""``coachloop api`` as a real process on a free port, and a page on another origin, for clients outside Python (Node, a browser)."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from server.authz.identity import mint_token
from server.config import Settings
from tests.ops.support import free_port

WAIT_S = 60.0
JWT_SECRET = "contract-test-secret-of-32-bytes!!"


@dataclass(frozen=True)
class RunningApi:
    base: str
    log: Path

    @property
    def graphql(self) -> str:
        return f"{self.base}/graphql"

    def token(self, role: str = "admin", subject: str = "contract-client", teams: list[str] | None = None) -> str:
        """A bearer token this server accepts."""
        return mint_token(Settings(jwt_secret=JWT_SECRET), subject=subject, roles=[role], teams=teams or [])


@contextmanager
def running_api(database_url: str, folder: Path, settings: dict[str, str] | None = None) -> Iterator[RunningApi]:
    """Start ``coachloop api`` on ``database_url`` with extra ``COACHLOOP_`` settings; stop it (SIGTERM) afterwards."""
    port = free_port()
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
    environment.update({
        "COACHLOOP_DATABASE_URL": database_url, "COACHLOOP_PORT": str(port), "COACHLOOP_DEMO": "0",
        "COACHLOOP_TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}", "COACHLOOP_JWT_SECRET": JWT_SECRET,
        "COACHLOOP_VAR_DIR": str(folder), **(settings or {}),
    })
    log = folder / "api.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "server.cli", "api"], env=environment, stdout=sink, stderr=sink)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT_S
        while True:
            assert process.poll() is None, log.read_text()
            try:
                httpx.get(f"{base}/healthz", timeout=2.0)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield RunningApi(base=base, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server method name)
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the http.server signature)
        return


PAGE = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>coachloop client</title></head><body></body></html>"


@contextmanager
def serving_page(host: str = "127.0.0.1") -> Iterator[str]:
    """An HTML page of a frontend on its own origin; yields that origin (``http://host:port``)."""
    server = ThreadingHTTPServer((host, free_port()), _PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
