"""GraphiQL comes from the application itself in development: a page naming only local assets, all served; none outside development."""

import re
import tomllib
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

from server.api.graphiql import STATIC_DIR

ROOT = Path(__file__).resolve().parents[2]
HTML = {"accept": "text/html"}
ASSETS = {
    "/graphql/static/graphiql/graphiql.min.css": "text/css; charset=utf-8",
    "/graphql/static/graphiql/react.production.min.js": "text/javascript; charset=utf-8",
    "/graphql/static/graphiql/react-dom.production.min.js": "text/javascript; charset=utf-8",
    "/graphql/static/graphiql/graphiql.min.js": "text/javascript; charset=utf-8",
    "/graphql/static/graphiql/start.js": "text/javascript; charset=utf-8",
}


async def test_the_page_names_only_assets_the_application_serves(client_for: Callable) -> None:
    async with client_for() as client:
        page = await client.get("/graphql", headers=HTML)
        assets = {path: await client.get(path) for path in ASSETS}
    references = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert sorted(references) == sorted(ASSETS)
    assert re.findall(r"https?://|//[a-z]", page.text) == []
    assert {path: (response.status_code, response.headers["content-type"]) for path, response in assets.items()} == {
        path: (200, content_type) for path, content_type in ASSETS.items()
    }
    assert assets["/graphql/static/graphiql/graphiql.min.js"].content == (STATIC_DIR / "graphiql" / "graphiql.min.js").read_bytes()


async def test_outside_development_neither_page_nor_assets_are_served(client_for: Callable) -> None:
    async with client_for(environment="production", jwt_secret="s" * 40, pseudonym_key="k" * 40) as client:
        page = await client.get("/graphql", headers=HTML)
        asset = await client.get("/graphql/static/graphiql/graphiql.min.js")
    assert page.status_code == 404
    assert page.json()["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert asset.status_code == 404


def test_every_vendored_file_is_package_data_of_the_wheel() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["server.api"]
    files = [path.relative_to(STATIC_DIR.parent).as_posix() for path in (STATIC_DIR / "graphiql").iterdir()]
    assert sorted(files) == sorted(name for name in files if any(fnmatch(name, pattern) for pattern in patterns))
    assert len(files) == 10
