"""The process-wide policy: defaults from policies/, changes from the database, reloaded within seconds.

Every API and worker process holds one ``PolicyEnforcer``. ``refresh`` reads the
revision counter (at most every ``policy_refresh_seconds``) and, when it moved,
recompiles the snapshot with the real Casbin enforcer and swaps it in whole; a
request keeps the snapshot it started with.
"""

import asyncio
import logging
import time
from collections.abc import Callable

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.policy import PolicySnapshot, compile_snapshot, read_default_rules
from server.authz.repository import PolicyRepository, apply_overrides
from server.config import Settings

logger = logging.getLogger(__name__)


class PolicyEnforcer:
    """Holds the current snapshot and reloads it when the stored revision changes."""

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.policies_dir = settings.policies_dir
        self.defaults = read_default_rules(self.policies_dir)
        self._snapshot = compile_snapshot(self.policies_dir, self.defaults, revision=-1)
        self._checked_at = float("-inf")
        self._awaited_revision = 0
        self._lock = asyncio.Lock()

    @property
    def snapshot(self) -> PolicySnapshot:
        return self._snapshot

    def expect_revision(self, revision: int) -> None:
        """Check the database on every refresh until ``revision`` (just written here) is loaded."""
        self._awaited_revision = max(self._awaited_revision, revision)

    def _due(self) -> bool:
        if self._snapshot.revision < 0 or self._snapshot.revision < self._awaited_revision:
            return True
        return self.clock() - self._checked_at >= self.settings.policy_refresh_seconds

    async def refresh(self, sessionmaker: async_sessionmaker[AsyncSession]) -> PolicySnapshot:
        """The current snapshot, reloaded first if the stored revision moved and a check is due."""
        if not self._due():
            return self._snapshot
        async with self._lock:
            if not self._due():
                return self._snapshot
            async with sessionmaker() as session:
                await self._reload(session)
            self._checked_at = self.clock()
        return self._snapshot

    async def _reload(self, session: AsyncSession) -> None:
        repository = PolicyRepository(session)
        revision = await repository.revision()
        if revision == self._snapshot.revision:
            return
        overrides = await repository.overrides()
        rules = apply_overrides(self.defaults, overrides)
        try:
            snapshot = await asyncio.to_thread(compile_snapshot, self.policies_dir, rules, revision)
        except (ValueError, RuntimeError):
            logger.exception("policy revision %s does not compile; keeping revision %s", revision, self._snapshot.revision)
            self._awaited_revision = self._snapshot.revision
            return
        self._snapshot = snapshot
        logger.info("policy revision %s loaded (%s rules)", revision, len(rules))
