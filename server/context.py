"""Per-request context: settings, one database session, the principal, dataloaders."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.websockets import WebSocket

from server.config import Settings


@dataclass
class Context:
    """What every resolver may use; the session is committed or rolled back by SessionExtension."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    request: Request | WebSocket | None = None
    principal: Any = None
    request_id: str = ""
    services: dict[str, Any] = field(default_factory=dict)
    _session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        """The request's session, opened on first use."""
        if self._session is None:
            self._session = self.sessionmaker()
        return self._session

    async def finish(self, *, success: bool) -> None:
        """Commit on success, roll back otherwise, and close the session."""
        if self._session is None:
            return
        try:
            if success:
                await self._session.commit()
            else:
                await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None
