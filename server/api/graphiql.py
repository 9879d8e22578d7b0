"""GraphiQL served by the application itself (development only): its page and its pinned assets, no CDN.

The page and the vendored graphiql, react and react-dom builds live in
``server/api/static/graphiql/`` (versions and licences in its README) and are
served from ``/graphql/static/graphiql/``.
"""

from functools import cache
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PREFIX = "/graphql/static"


@cache
def graphiql_page() -> str:
    """The GraphiQL HTML page; every script and style it names is served under ``STATIC_PREFIX``."""
    return (STATIC_DIR / "graphiql" / "index.html").read_text(encoding="utf-8")


def graphiql_assets() -> Mount:
    """The route serving the page's scripts and styles."""
    return Mount(STATIC_PREFIX, app=StaticFiles(directory=STATIC_DIR), name="graphiql-assets")
