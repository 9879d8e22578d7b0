"""X-Request-Id: a sane incoming id is echoed, anything else replaced, on every response (refusals included)."""

from collections.abc import Callable

import pytest

ME = {"query": "{ me { subject } }"}


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [("req-2026.12:07_a", "req-2026.12:07_a"), ("x" * 128, "x" * 128), ("x" * 129, None), ("has space", None), ("", None)],
    ids=["sane", "128-chars", "129-chars", "space", "empty"],
)
async def test_sane_ids_are_echoed_and_others_replaced(client_for: Callable, auth_headers: Callable, sent: str, echoed: str | None) -> None:
    async with client_for() as client:
        response = await client.post("/graphql", json=ME, headers={**auth_headers("admin"), "x-request-id": sent})
    returned = response.headers["x-request-id"]
    if echoed is not None:
        assert returned == echoed
    else:
        assert len(returned) == 32 and int(returned, 16) >= 0 and returned != sent


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("POST", {"json": ME}, 401),
        ("POST", {"json": {"query": "{ __typename }", "variables": {"padding": "x" * 2000}}, "auth": True}, 413),
        ("PUT", {"auth": True}, 405),
        ("POST", {"content": b"{", "auth": True, "headers": {"content-type": "application/json"}}, 400),
        ("GET", {"url": "/healthz"}, 200),
    ],
    ids=["401", "413", "405", "400", "healthz"],
)
async def test_every_response_carries_the_request_id(
    client_for: Callable, auth_headers: Callable, method: str, kwargs: dict, status: int
) -> None:
    url = kwargs.pop("url", "/graphql")
    headers = {**(auth_headers("admin") if kwargs.pop("auth", False) else {}), **kwargs.pop("headers", {}), "x-request-id": "trace-me"}
    async with client_for(max_body_bytes=1000) as client:
        response = await client.request(method, url, headers=headers, **kwargs)
    assert (response.status_code, response.headers["x-request-id"]) == (status, "trace-me")
