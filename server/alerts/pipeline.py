"""From a committed batch to evaluated rules: the batch hook, the compliance listener, the evaluation intent.

Inside the ingest transaction (whoever ingests: API, CLI import, worker) the hook folds
the batch into the window state and writes an ``alerts.evaluate`` intent naming the
touched buckets. Right after that transaction commits, the session's after-commit event
starts the intent's completion in the same process; if the process stops first,
``coachloop intents sweep`` completes it. Completing evaluates the rules, writes the
alerts, their outbox entries and their announcement in one transaction.
"""

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.defaults import ensure_default_rules
from server.alerts.delivery import notify_raised
from server.alerts.evaluation import Evaluator
from server.alerts.models import FINDINGS_MEASURE, AlertContribution
from server.alerts.signals import announce
from server.alerts.waiting import keep_waiting
from server.alerts.windows import BucketKey, Contribution, apply_contributions, bucket_of, scopes_of, window_changes
from server.config import Settings, get_settings
from server.db import create_sessionmaker
from server.ingestion.hooks import TouchedKeys
from server.intents.service import claim_session, complete_intent, intent_handlers, record_intent
from server.kernel.installed import installed_features
from server.metrics.api import metric_conversation
from server.quality.events import ComplianceFinding
from server.timefmt import now_us

logger = logging.getLogger(__name__)

EVALUATE_INTENT = "alerts.evaluate"
_RUNNING: set[asyncio.Task[Any]] = set()


async def settle_evaluations() -> None:
    """Wait for the evaluations (and deliveries) this process started after its commits."""
    while _RUNNING:
        await asyncio.gather(*list(_RUNNING), return_exceptions=True)


def complete_after_commit(session: AsyncSession, intent_ids: Sequence[str], settings: Settings | None = None) -> None:
    """Once ``session`` commits, complete ``intent_ids`` in this process (the sweeper covers a crash in between)."""
    if not intent_ids:
        return
    engine = session.bind
    assert isinstance(engine, AsyncEngine)
    loop = asyncio.get_running_loop()
    pending = list(intent_ids)

    async def complete() -> None:
        handlers = intent_handlers(installed_features())
        sessionmaker = create_sessionmaker(engine)
        for intent_id in pending:
            try:
                await complete_intent(sessionmaker, intent_id, handlers, settings or get_settings(), now_us=now_us())
            except Exception:
                logger.exception("intent %s failed after commit; the sweeper completes it", intent_id)

    def after_commit(_session: object) -> None:
        task = loop.create_task(complete())
        _RUNNING.add(task)
        task.add_done_callback(_RUNNING.discard)

    event.listen(session.sync_session, "after_commit", after_commit, once=True)


def schedule_evaluation(session: AsyncSession, touched: Sequence[BucketKey], *, waiting_changed: bool = False) -> None:
    """Write the evaluation intent for ``touched`` in ``session`` and complete it right after the commit."""
    if not touched and not waiting_changed:
        return
    intent_id = record_intent(session, EVALUATE_INTENT, {"buckets": [list(key) for key in touched]}, now_us=now_us())
    complete_after_commit(session, [intent_id])


async def track_windows(session: AsyncSession, touched: TouchedKeys) -> None:
    """Batch hook (after the metrics hook): fold the batch into the window state, evaluate after the commit."""
    changed = await window_changes(session, touched)
    await keep_waiting(session, sorted(touched.conversation_ids))
    schedule_evaluation(session, changed, waiting_changed=bool(touched.conversation_ids))


async def evaluate_buckets(session: AsyncSession, buckets: Sequence[BucketKey], settings: Settings) -> None:
    """Evaluate the rules the buckets touch, write and announce what changed, address the new alerts (flush only)."""
    await ensure_default_rules(session, settings.policies_dir, now_us=now_us())
    changes = await Evaluator(session, settings.zone, now_us()).evaluate(list(buckets))
    intents = await notify_raised(session, [change.alert_id for change in changes if change.kind == "raised"])
    await announce(session, changes)
    complete_after_commit(session, intents, settings)


async def complete_evaluation(payload: Mapping[str, Any], settings: Settings) -> None:
    """The ``alerts.evaluate`` intent's handler (idempotent: an evaluation run twice changes nothing more)."""
    buckets = [(kind, scope_id, int(bucket)) for kind, scope_id, bucket in payload["buckets"]]
    await evaluate_buckets(claim_session(), buckets, settings)


async def on_compliance_finding(session: AsyncSession, finding: ComplianceFinding) -> None:
    """Listener of ``quality.finding``: count the finding in its scopes' window state, evaluate after the commit."""
    key = f"f:{finding.finding_id}"
    if await session.get(AlertContribution, key) is not None:
        return
    labels = (await session.execute(
        select(metric_conversation.c.channel, metric_conversation.c.category)
        .where(metric_conversation.c.conversation_id == finding.conversation_id)
    )).first()
    channel, category = (labels[0], labels[1]) if labels is not None else (None, None)
    contribution = Contribution(
        key, None, bucket_of(finding.occurred_at_us),  # not a fact row: a conversation's re-sync keeps it
        scopes_of(finding.team_id, finding.agent_id, channel, category), {FINDINGS_MEASURE: 1},
    )
    schedule_evaluation(session, await apply_contributions(session, {key: contribution}, {}))
