"""What a written import batch touched, and the hooks called with it before the batch commits.

Other domains (the metrics engine) append a ``BatchHook`` to ``BATCH_HOOKS`` to
recompute what depends on the touched keys, inside the batch's own transaction.

A hook whose work can safely wait registers a ``DeferredUpkeep`` in ``DEFERRABLE``: a
bulk file import then takes its lease before the first batch, renews it in every
batch instead of calling the hook (or calls the hook after all, when another import
holds the lease), and has it catch up once after the last batch.
Only derived data may be deferred, and the lease must not outlive the process that
holds it: if the import stops part-way, however it stops, the owner of that data
must see at once that its work is owed and repair it on its own.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

TOUCHED_LIMIT = 200_000
"""Keys remembered for a deferred catch-up; beyond this the catch-up redoes everything."""


@dataclass
class TouchedKeys:
    """Keys of the entities whose events were newly accepted in one batch."""

    conversation_ids: set[str] = field(default_factory=set)
    agent_ids: set[str] = field(default_factory=set)
    customer_ids: set[str] = field(default_factory=set)
    search_ids: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.conversation_ids or self.agent_ids or self.customer_ids or self.search_ids)

    def __len__(self) -> int:
        return len(self.conversation_ids) + len(self.agent_ids) + len(self.customer_ids) + len(self.search_ids)


class TouchedSince:
    """The union of the keys touched by many batches, or None once it outgrew ``limit``."""

    def __init__(self, limit: int = TOUCHED_LIMIT) -> None:
        self.limit = limit
        self.keys: TouchedKeys | None = TouchedKeys()

    def add(self, touched: TouchedKeys) -> None:
        if self.keys is None:
            return
        self.keys.conversation_ids |= touched.conversation_ids
        self.keys.agent_ids |= touched.agent_ids
        self.keys.customer_ids |= touched.customer_ids
        self.keys.search_ids |= touched.search_ids
        if len(self.keys) > self.limit:
            self.keys = None


class BatchHook(Protocol):
    """Called once per written batch, in the batch's session (flush only, never commit)."""

    async def __call__(self, session: AsyncSession, touched: TouchedKeys) -> None: ...


class DeferredUpkeep(Protocol):
    """How a deferrable hook's work is left to the end of a bulk import (each call: flush only)."""

    async def begin(self, session: AsyncSession) -> Any | None:
        """Take the lease before the first batch; None when it cannot be taken (the hook then runs per batch)."""

    async def renew(self, session: AsyncSession, lease: Any) -> bool:
        """Inside each batch, instead of the hook: keep the lease; False when another import holds it (run the hook)."""

    async def abandon(self, lease: Any) -> None:
        """The import stopped or failed: release the lease without writing anything, leaving its work owed."""

    async def release(self, lease: Any) -> None:
        """The catch-up committed: release what the lease holds."""

    async def finish(self, session: AsyncSession, lease: Any, touched: TouchedKeys | None) -> None:
        """After the last batch: do the owed work for ``touched`` (None: too much to list, redo all) and release."""


BATCH_HOOKS: list[BatchHook] = []
DEFERRABLE: dict[BatchHook, DeferredUpkeep] = {}
