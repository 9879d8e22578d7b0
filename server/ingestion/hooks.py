"""What a written import batch touched, and the hooks called with it before the batch commits.

A feature declares its hooks in its ``module.py`` (``Feature.hooks``, one ``DeclaredHook``
each); every batch calls the hooks of the feature list (server/features.py) in its
order, inside the batch's own transaction, whoever ingests (API, CLI, worker, a plain
``ingest_events`` call). Nothing is registered by importing a module.

A hook whose work can safely wait declares a ``DeferredUpkeep`` with it: a
bulk file import then takes its lease before the first batch, renews it in every
batch instead of calling the hook (or calls the hook after all, when another import
holds the lease), and has it catch up once after the last batch.
Only derived data may be deferred, and the lease must not outlive the process that
holds it: if the import stops part-way, however it stops, the owner of that data
must see at once that its work is owed and repair it on its own.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from sqlmodel.ext.asyncio.session import AsyncSession

from server.kernel.feature import DeclaredHook
from server.kernel.installed import installed_features

__all__ = ["BatchHook", "DeclaredHook", "DeferredUpkeep", "TouchedKeys", "TouchedSince", "batch_hooks", "declared_hooks"]

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


def declared_hooks() -> tuple[DeclaredHook, ...]:
    """Every feature's hooks, in the order of the feature list."""
    return tuple(declared for feature in installed_features() for declared in feature.hook_parts())


def batch_hooks() -> tuple[BatchHook, ...]:
    """The hooks every written batch calls, in order."""
    return tuple(cast(BatchHook, declared.hook) for declared in declared_hooks())  # resolved by hook_parts()


class _DeclaredUpkeep(Mapping[BatchHook, DeferredUpkeep]):
    """Hook → its deferred upkeep, for the declared hooks that have one (read from the feature list)."""

    def _current(self) -> dict[BatchHook, DeferredUpkeep]:
        return {
            cast(BatchHook, declared.hook): cast(DeferredUpkeep, declared.upkeep)  # resolved by hook_parts()
            for declared in declared_hooks()
            if declared.upkeep is not None
        }

    def __getitem__(self, hook: BatchHook) -> DeferredUpkeep:
        return self._current()[hook]

    def __iter__(self) -> Iterator[BatchHook]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


DEFERRABLE: Mapping[BatchHook, DeferredUpkeep] = _DeclaredUpkeep()
"""The deferrable hooks and their upkeep, in hook order."""
