"""An intent written in the request's transaction and nudged to completion once the request commits."""

from collections.abc import Mapping
from typing import Any

from server.context import Context
from server.intents.service import complete_intent, intent_handlers, record_intent
from server.kernel.feature import IntentHandler
from server.kernel.installed import installed_features
from server.timefmt import now_us


def request_intent(
    context: Context, kind: str, payload: Mapping[str, Any], *, handlers: Mapping[str, IntentHandler] | None = None
) -> str:
    """Write the intent in ``context.session``; after a successful commit its handler runs (default: the feature list's)."""
    known = intent_handlers(installed_features()) if handlers is None else handlers
    if kind not in known:
        raise ValueError(f"no handler for intent kind {kind!r}")
    intent_id = record_intent(context.session, kind, payload, now_us=now_us())

    async def complete() -> None:
        await complete_intent(context.sessionmaker, intent_id, known, context.settings, now_us=now_us())

    context.on_commit(complete)
    return intent_id
