"""What a written import batch touched, and the hooks called with it before the batch commits.

Other domains (the metrics engine) append a ``BatchHook`` to ``BATCH_HOOKS`` to
recompute what depends on the touched keys, inside the batch's own transaction.
"""

from dataclasses import dataclass, field
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass
class TouchedKeys:
    """Keys of the entities whose events were newly accepted in one batch."""

    conversation_ids: set[str] = field(default_factory=set)
    agent_ids: set[str] = field(default_factory=set)
    customer_ids: set[str] = field(default_factory=set)
    search_ids: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.conversation_ids or self.agent_ids or self.customer_ids or self.search_ids)


class BatchHook(Protocol):
    """Called once per written batch, in the batch's session (flush only, never commit)."""

    async def __call__(self, session: AsyncSession, touched: TouchedKeys) -> None: ...


BATCH_HOOKS: list[BatchHook] = []
