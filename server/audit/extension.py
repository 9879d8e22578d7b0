"""Writes each operation's audit trail after it ran; if that fails, its individual-level data is withheld.

A subscription writes the trail once per delivered event (``flush_trail`` from the
session extension's per-result hook), a query or mutation once when it ends.
"""

import logging
from collections.abc import AsyncIterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from server.audit.service import write_trail
from server.errors import AuditUnavailable

logger = logging.getLogger(__name__)


async def flush_trail(context: Any, result: Any) -> None:
    """Write and clear the context's audit trail; withhold ``result``'s data when reads could not be recorded."""
    trail = getattr(context, "audit", None)
    if not trail:
        return
    withhold = False
    try:
        await write_trail(context.sessionmaker, trail)
    except Exception:
        logger.exception("audit write failed (request %s); withholding the result", context.request_id)
        withhold = trail.has_reads
    trail.clear()
    if withhold and result is not None:
        result.data = None
        result.errors = [
            GraphQLError(
                "The audit log could not be written, so the data was withheld.",
                original_error=AuditUnavailable("audit log unavailable"),
            )
        ]


class AuditExtension(SchemaExtension):
    """List it before SessionExtension: the trail is written after the request's own transaction ended."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        await flush_trail(self.execution_context.context, self.execution_context.result)
