"""``coachloop api`` as a real process on a free port, and a page on another origin, for clients outside Python (Node, a browser)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.ops.support import RunningApi, free_port, running_api

__all__ = ["RunningApi", "running_api", "serving_page"]


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
