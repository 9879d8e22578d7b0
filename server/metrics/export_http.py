"""``GET``/``POST /export/metrics.csv``: any ``metrics`` query as a CSV file, under the same access rules.

The arguments are the ``metrics`` query's (``filter``, ``groupBy``, ``metrics``): a JSON
body for POST; for GET, ``filter`` as JSON text and ``groupBy``/``metrics`` as
comma-separated or repeated parameters. The query runs through the GraphQL schema itself
(bearer token, field policy, row scope, suppression, pseudonyms, audit trail, error codes),
so the file and the API can never disagree; refusals come back as GraphQL-shaped JSON
errors with the matching HTTP status.
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.api.http import error_response, json_response
from server.authz.identity import TokenVerifier
from server.authz.request import authorize_context
from server.config import Settings
from server.context import Context
from server.errors import ErrorCode, Unauthenticated
from server.metrics.export_csv import EXPORT_DOCUMENT, render_metrics_csv
from server.ops.access_log import request_id_from
from server.ops.logs import CURRENT_REQUEST
from server.schema import schema


PATH = "/export/metrics.csv"
STATUS_OF_CODE = {
    ErrorCode.UNAUTHENTICATED.value: 401,
    ErrorCode.FORBIDDEN.value: 403,
    ErrorCode.BAD_USER_INPUT.value: 400,
    ErrorCode.GRAPHQL_VALIDATION_FAILED.value: 400,
    ErrorCode.PAYLOAD_TOO_LARGE.value: 413,
    ErrorCode.AUDIT_UNAVAILABLE.value: 503,
}
ARGUMENTS = ("filter", "groupBy", "metrics")


class ExportArgumentsError(ValueError):
    """The request does not carry the ``metrics`` arguments in a readable form."""


def _listed(request: Request, name: str) -> list[str] | None:
    values = [part.strip() for value in request.query_params.getlist(name) for part in value.split(",") if part.strip()]
    return values or None


async def arguments_of(request: Request) -> dict[str, Any]:
    """The ``metrics`` arguments of a GET (query parameters) or POST (JSON object) request."""
    if request.method == "GET":
        filter_text = request.query_params.get("filter")
        try:
            filter_value = None if filter_text is None else json.loads(filter_text)
        except json.JSONDecodeError as error:
            raise ExportArgumentsError(f"filter is not JSON: {error.msg}") from None
        return {"filter": filter_value, "groupBy": _listed(request, "groupBy"), "metrics": _listed(request, "metrics")}
    try:
        body = json.loads(await request.body() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ExportArgumentsError("the body must be a JSON object of filter, groupBy and metrics") from None
    if not isinstance(body, dict) or set(body) - set(ARGUMENTS):
        raise ExportArgumentsError(f"the body must be a JSON object with only {', '.join(ARGUMENTS)}")
    return {name: body.get(name) for name in ARGUMENTS}


def _status(errors: Sequence[Mapping[str, Any]]) -> int:
    codes = [(error.get("extensions") or {}).get("code") for error in errors]
    return max((STATUS_OF_CODE.get(code or "", 500) for code in codes), default=500)


class MetricsCsvExport:
    """The endpoint: authenticate, run the export document as the caller, render the rows as CSV."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.verifier = TokenVerifier(settings)

    async def handle(self, request: Request) -> Response:
        try:
            principal = await self.verifier.verify_header(request.headers.get("authorization"))
        except Unauthenticated as error:
            return error_response(error.message, error.code, 401)
        if (current := CURRENT_REQUEST.get()) is not None:
            current.subject = principal.subject
        try:
            variables = await arguments_of(request)
        except ExportArgumentsError as error:
            return error_response(str(error), ErrorCode.BAD_USER_INPUT, 400)
        state = request.app.state
        context = Context(
            settings=self.settings, sessionmaker=state.sessionmaker, request=request,
            request_id=request_id_from(request.scope), policies=state.policies,
        )
        await authorize_context(context, principal)
        result = await schema.execute(
            EXPORT_DOCUMENT, variable_values=variables, context_value=context, operation_name="MetricsExport"
        )
        if result.errors:
            errors = [error.formatted for error in result.errors]
            return json_response({"data": None, "errors": errors}, status_code=_status(errors))
        assert result.data is not None
        body = render_metrics_csv(result.data["metrics"], variables["groupBy"], variables["metrics"], context.language)
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": 'attachment; filename="metrics.csv"',
                "Content-Language": context.language.value,
                "Vary": "Accept-Language",
            },
        )


def metrics_csv_route(settings: Settings) -> Route:
    """The route ``server/app.py`` mounts."""
    return Route(PATH, MetricsCsvExport(settings).handle, methods=["GET", "POST"])
