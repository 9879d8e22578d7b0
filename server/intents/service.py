"""Writing intents in a transaction, completing one after its commit, sweeping those a crash left pending.

Completing claims the row first (``UPDATE … WHERE completed_at_us IS NULL``) and runs the
handler in the same transaction: a second completer of the same intent waits on that row
and then finds it done, so a handler never runs twice for one committed intent. A
handler that fails rolls the claim back; the intent stays pending for the sweeper. A
crash after the handler ran and before the commit runs it again, so handlers must be
idempotent (a workflow started under the intent's id, for example).
"""

import asyncio
import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.intents.models import Intent
from server.kernel.feature import Feature, IntentHandler

logger = logging.getLogger(__name__)

SWEEP_GRACE_US = 60_000_000
"""The sweeper leaves intents younger than this to their own after-commit callback."""

_CLAIM_SESSION: ContextVar[AsyncSession | None] = ContextVar("intent_claim_session", default=None)


def claim_session() -> AsyncSession:
    """The session holding the claim of the intent whose handler is running.

    A handler that writes through it commits its rows with the claim (or loses them with
    it), so what it writes exists exactly once per completed intent.
    """
    session = _CLAIM_SESSION.get()
    if session is None:
        raise RuntimeError("claim_session() is only available inside an intent handler")
    return session


def intent_handlers(features: Sequence[Feature]) -> dict[str, IntentHandler]:
    """Intent kind → handler, as ``features`` declare them."""
    handlers: dict[str, IntentHandler] = {}
    for feature in features:
        for kind in feature.intent_kinds:
            if kind.name in handlers:
                raise ValueError(f"intent kind {kind.name!r} declared twice")
            handlers[kind.name] = kind.resolved_handler()
    return handlers


def record_intent(session: AsyncSession, kind: str, payload: Mapping[str, Any], *, now_us: int) -> str:
    """Add a pending intent to ``session``'s transaction (committed or rolled back with it); returns its id."""
    intent_id = uuid.uuid4().hex
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    session.add(Intent(intent_id=intent_id, kind=kind, payload=text, created_at_us=now_us))
    return intent_id


async def complete_intent(
    sessionmaker: async_sessionmaker[AsyncSession],
    intent_id: str,
    handlers: Mapping[str, IntentHandler],
    settings: Settings,
    *,
    now_us: int,
) -> bool:
    """Claim and complete one intent; True when this call ran its handler, False when it was done already."""
    async with transaction(sessionmaker) as session:
        claim = (
            update(Intent)
            .where(Intent.intent_id == intent_id, Intent.completed_at_us.is_(None))  # type: ignore[union-attr]
            .values(completed_at_us=now_us)
        )
        if (await session.execute(claim)).rowcount != 1:
            return False
        kind, payload = (await session.execute(select(Intent.kind, Intent.payload).where(Intent.intent_id == intent_id))).one()
        token = _CLAIM_SESSION.set(session)
        try:
            await handlers[kind](json.loads(payload), settings)
        finally:
            _CLAIM_SESSION.reset(token)
    return True


@dataclass
class SweepReport:
    """What one sweep did: intents completed here, found done by another completer, and failed (still pending)."""

    completed: int = 0
    already_done: int = 0
    failed: int = 0


async def pending_intents(
    sessionmaker: async_sessionmaker[AsyncSession], *, created_before_us: int, kinds: Sequence[str] | None = None,
) -> list[str]:
    """Ids of the intents still pending that were written before ``created_before_us`` (of ``kinds``), oldest first."""
    async with sessionmaker() as session:
        query = (
            select(Intent.intent_id)
            .where(Intent.completed_at_us.is_(None), Intent.created_at_us < created_before_us)  # type: ignore[union-attr]
            .order_by(Intent.created_at_us, Intent.intent_id)
        )
        if kinds is not None:
            query = query.where(Intent.kind.in_(sorted(kinds)))  # type: ignore[attr-defined]
        return list((await session.execute(query)).scalars())


async def sweep_intents(
    sessionmaker: async_sessionmaker[AsyncSession],
    handlers: Mapping[str, IntentHandler],
    settings: Settings,
    *,
    now_us: int,
    grace_us: int = SWEEP_GRACE_US,
    per_intent_seconds: float | None = None,
) -> SweepReport:
    """Complete every intent pending for longer than ``grace_us`` whose kind ``handlers`` know (a failing or, past
    ``per_intent_seconds``, a slow one stays pending)."""
    report = SweepReport()
    for intent_id in await pending_intents(sessionmaker, created_before_us=now_us - grace_us, kinds=list(handlers)):
        try:
            async with asyncio.timeout(per_intent_seconds):
                ran = await complete_intent(sessionmaker, intent_id, handlers, settings, now_us=now_us)
        except Exception:
            logger.exception("intent %s failed; it stays pending", intent_id)
            report.failed += 1
            continue
        if ran:
            report.completed += 1
        else:
            report.already_done += 1
    return report
