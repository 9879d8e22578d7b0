"""Per-request loading of audit entries by number, and ``node(id:)`` for them."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.dataloader import DataLoader

from server.audit.models import AuditEntry
from server.audit.repository import AuditRepository
from server.audit.types import AuditEntryType
from server.authz.guards import load_visible
from server.kernel.relay import NodeType


def entry_number(key: str) -> int | None:
    """The entry number a key names, or None when it names none."""
    return int(key) if key.isdigit() and len(key) <= 18 else None


class AuditEntryByIdLoader(DataLoader[str, AuditEntry | None]):
    """Entries by number (as text), one statement per batch; the caller checked the ``AuditEntry`` scope."""

    def __init__(self, context: Any) -> None:
        super().__init__(load_fn=self._load)
        self.context = context

    async def _load(self, keys: list[str]) -> list[AuditEntry | None]:
        numbers = [number for number in map(entry_number, keys) if number is not None]
        found = {str(entry.id): entry for entry in await AuditRepository(self.context.session).by_ids(numbers)} if numbers else {}
        return [found.get(key) for key in keys]


async def entry_exists(session: AsyncSession, key: str) -> bool:
    number = entry_number(key)
    return number is not None and await AuditRepository(session).exists(number)


async def load_audit_entry_node(context: Any, key: str) -> AuditEntryType | None:
    """``node(id:)`` of an entry: the readers of the audit log see any entry (FORBIDDEN for others, as ``auditLog``)."""
    entry = await load_visible(context, "AuditEntry", "audit_entry", AuditEntryByIdLoader, entry_exists, key)
    return None if entry is None else AuditEntryType.from_row(entry, context.settings.zone)


NODES = (NodeType("AuditEntry", load_audit_entry_node),)
"""The audit feature's node types (its declaration names this tuple)."""
