"""The alert window state during a bulk import: caught up once, after the metric facts' own catch-up.

A file import defers the metric facts to the end of the import, so in its batches the fact
rows the window state is read from are not current yet. The alert hook is deferred with them:
its lease is always granted (the window state is only added to, never locked), every batch
keeps it instead of calling the hook, and after the last batch — in the same transaction as
the metric catch-up, which runs first in hook order — the imported conversations are folded in
and evaluated after the commit. An import that stops part-way leaves its conversations out of
the window state until an event touches them again (the alerts concern live traffic; the metric
facts are repaired by their own owner).
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.pipeline import track_windows
from server.ingestion.hooks import TouchedKeys
from server.metrics.api import metric_conversation

CATCH_UP_CHUNK = 5_000


@dataclass(frozen=True)
class WindowsLease:
    """Nothing is held: the lease only marks that this import folds its conversations in at the end."""

    import_id: int


class AlertWindowsUpkeep:
    async def begin(self, session: AsyncSession) -> WindowsLease:
        return WindowsLease(id(session))

    async def renew(self, session: AsyncSession, lease: WindowsLease) -> bool:
        return True

    async def abandon(self, lease: WindowsLease) -> None:
        return None

    async def release(self, lease: WindowsLease) -> None:
        return None

    async def finish(self, session: AsyncSession, lease: WindowsLease, touched: TouchedKeys | None) -> None:
        """Fold the imported conversations (all conversations when too many to list) into the window state."""
        if touched is not None:
            await track_windows(session, touched)
            return
        conversation_ids = sorted((await session.execute(select(metric_conversation.c.conversation_id))).scalars())
        for start in range(0, len(conversation_ids), CATCH_UP_CHUNK):
            await track_windows(session, TouchedKeys(conversation_ids=set(conversation_ids[start:start + CATCH_UP_CHUNK])))


ALERT_WINDOWS_UPKEEP = AlertWindowsUpkeep()
