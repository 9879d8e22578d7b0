"""CORS on /graphql: preflights and responses for allowed and disallowed origins; what the setting accepts."""

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from server.config import Settings

ALLOWED = "https://console.example.com"
OTHER = "https://evil.example.net"
ME = {"query": "{ me { subject } }"}
PREFLIGHT = {"access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type"}
PREFLIGHT_HEADERS = {
    "access-control-allow-origin": ALLOWED,
    "access-control-allow-methods": "GET, POST",
    "access-control-allow-headers": "authorization, content-type, x-request-id, accept-language",
    "access-control-max-age": "600",
    "access-control-expose-headers": "X-Request-Id, Content-Disposition",
    "vary": "Origin",
}


def _cors_headers(headers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name.startswith("access-control-")}


async def test_preflight_from_an_allowed_origin_lists_methods_headers_and_max_age(client_for: Callable) -> None:
    async with client_for(cors_allowed_origins=[ALLOWED]) as client:
        response = await client.options("/graphql", headers={"origin": ALLOWED, **PREFLIGHT})
    assert response.status_code == 204
    assert {name: response.headers[name] for name in PREFLIGHT_HEADERS} == PREFLIGHT_HEADERS
    assert len(response.headers["x-request-id"]) == 32


async def test_preflight_from_another_origin_gets_no_cors_header(client_for: Callable) -> None:
    async with client_for(cors_allowed_origins=[ALLOWED]) as client:
        response = await client.options("/graphql", headers={"origin": OTHER, **PREFLIGHT})
    assert response.status_code == 403
    assert _cors_headers(dict(response.headers)) == {}
    assert response.json()["errors"][0]["extensions"] == {"code": "FORBIDDEN"}


async def test_an_allowed_origin_reads_the_response_and_its_request_id(client_for: Callable, auth_headers: Callable) -> None:
    async with client_for(cors_allowed_origins=[ALLOWED]) as client:
        response = await client.post("/graphql", json=ME, headers={"origin": ALLOWED, **auth_headers("agent", subject="a1")})
    assert response.status_code == 200
    assert _cors_headers(dict(response.headers)) == {
        "access-control-allow-origin": ALLOWED,
        "access-control-expose-headers": "X-Request-Id, Content-Disposition",
    }
    assert response.headers["vary"] == "Origin"
    assert response.json()["data"] == {"me": {"subject": "a1"}}


async def test_another_origin_gets_the_response_without_cors_headers(client_for: Callable, auth_headers: Callable) -> None:
    """The browser then withholds the body from the page; the server itself answers as to any client."""
    async with client_for(cors_allowed_origins=[ALLOWED]) as client:
        response = await client.post("/graphql", json=ME, headers={"origin": OTHER, **auth_headers("agent", subject="a1")})
    assert response.status_code == 200
    assert _cors_headers(dict(response.headers)) == {}


async def test_development_allows_every_origin_by_default(client_for: Callable) -> None:
    async with client_for() as client:
        response = await client.options("/graphql", headers={"origin": OTHER, **PREFLIGHT})
    assert (response.status_code, response.headers["access-control-allow-origin"]) == (204, OTHER)


def test_outside_development_no_origin_is_allowed_by_default() -> None:
    assert Settings(environment="production").allowed_origins == ()
    assert Settings(environment="development").allowed_origins == ("*",)


def test_the_wildcard_is_refused_outside_development() -> None:
    with pytest.raises(ValidationError, match=r"may contain \* only in development"):
        Settings(environment="production", cors_allowed_origins=["*"])


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ("https://a.example, https://b.example/", ("https://a.example", "https://b.example")),
        ('["https://a.example"]', ("https://a.example",)),
        ("", ()),
    ],
    ids=["comma-separated", "json-list", "empty"],
)
def test_the_setting_reads_a_list_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, origins: tuple[str, ...]) -> None:
    monkeypatch.setenv("COACHLOOP_CORS_ALLOWED_ORIGINS", value)
    assert Settings().allowed_origins == origins
