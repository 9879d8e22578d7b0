"""GraphQL over HTTP (the draft of the GraphQL Foundation): media types, request parameters, status codes.

- **Media type.** ``application/graphql-response+json`` when the client's Accept ranks it
  first; ``application/json`` when Accept is absent, ``*/*``, ``application/*`` or names it;
  406 when Accept names neither.
- **Request.** GET takes ``query``, ``operationName``, ``variables`` and ``extensions``
  (the last two as JSON) from the query string; POST takes a JSON object
  (``Content-Type: application/json``, else 415). A body that is not JSON, not an
  object, or whose parameters have the wrong types is refused with 400.
- **Status.** ``application/json`` answers 200 to every GraphQL result (errors included).
  ``application/graphql-response+json`` answers 200 once execution began (``data`` is
  present, maybe null) and 400 without ``data`` when the document could not be parsed
  or validated or the variables could not be coerced — errors with no ``path``.
"""

import json
from typing import Any

from graphql import GraphQLError
from starlette.requests import Request
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData

from server.api.http import JSON, RequestRefused
from server.errors import ErrorCode

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON_RANGES = frozenset({JSON, "application/*", "*/*"})
PARAMETER_TYPES: dict[str, tuple[type, ...]] = {
    "query": (str,),
    "operationName": (str,),
    "variables": (dict,),
    "extensions": (dict,),
}
REQUEST_ERROR_STATUS = {
    ErrorCode.UNAUTHENTICATED.value: 401,
    ErrorCode.FORBIDDEN.value: 403,
    ErrorCode.INTERNAL_SERVER_ERROR.value: 500,
}


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def negotiate(accept: str | None) -> str | None:
    """The media type to answer in for this Accept header, or None when it accepts neither JSON type."""
    if not accept or not accept.strip():
        return JSON
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media_range, *parameters = item.split(";")
        quality = _quality(parameters)
        if quality > 0:
            ranges.append((-quality, position, media_range.strip().lower()))
    for _, _, media_range in sorted(ranges):
        if media_range == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media_range in JSON_RANGES:
            return JSON
    return None


def _bad_request(message: str) -> RequestRefused:
    return RequestRefused(400, ErrorCode.BAD_REQUEST, message)


def _json(text: str | bytes, what: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _bad_request(f"The {what} is not valid JSON.") from error


def _query_string_parameters(request: Request) -> dict[str, Any]:
    parameters: dict[str, Any] = dict(request.query_params)
    for name in ("variables", "extensions"):
        if parameters.get(name):
            parameters[name] = _json(parameters[name], f"`{name}` parameter")
        else:
            parameters.pop(name, None)
    return parameters


async def _body_parameters(request: Request) -> Any:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != JSON:
        raise RequestRefused(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "POST bodies must be application/json.")
    body = await request.body()
    if not body.strip():
        raise _bad_request("The request body is empty.")
    return _json(body, "request body")


async def request_parameters(request: Request) -> GraphQLRequestData:
    """The GraphQL request of a GET or POST, its parameters type-checked (RequestRefused 400/415 otherwise)."""
    parameters = _query_string_parameters(request) if request.method == "GET" else await _body_parameters(request)
    if not isinstance(parameters, dict):
        raise _bad_request("The request body must be a JSON object (batches are not accepted).")
    for name, types in PARAMETER_TYPES.items():
        value = parameters.get(name)
        if value is not None and not isinstance(value, types):
            kind = "a string" if types == (str,) else "an object"
            raise _bad_request(f"The `{name}` parameter must be {kind} or null.")
    return GraphQLRequestData(
        query=parameters.get("query"),
        variables=parameters.get("variables"),
        operation_name=parameters.get("operationName"),
        extensions=parameters.get("extensions"),
    )


def is_request_error(data: object, errors: list[GraphQLError] | None) -> bool:
    """A result of a request that never executed: no data, and no error that belongs to a field."""
    return data is None and bool(errors) and all(error.path is None for error in errors or ())


def response_status(media_type: str, data: object, errors: list[GraphQLError] | None) -> int:
    """The HTTP status of a GraphQL result sent as ``media_type``."""
    if media_type != GRAPHQL_RESPONSE or not is_request_error(data, errors):
        return 200
    codes = [(error.extensions or {}).get("code") for error in errors or ()]
    return next((REQUEST_ERROR_STATUS[code] for code in codes if code in REQUEST_ERROR_STATUS), 400)


def shaped(response: GraphQLHTTPResponse, media_type: str, *, request_error: bool) -> GraphQLHTTPResponse:
    """``response`` without ``data`` when it answers a request error in graphql-response+json."""
    if media_type == GRAPHQL_RESPONSE and request_error:
        response = {key: value for key, value in response.items() if key != "data"}  # type: ignore[assignment]
    return response
