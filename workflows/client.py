"""Connecting to Temporal: the configured cluster, or the embedded dev server."""

import asyncio

from temporalio.client import Client

from server.config import Settings

EMBEDDED_HOST = "127.0.0.1"


def embedded_address(settings: Settings) -> str:
    """host:port of the dev server ``coachloop up`` starts (settings.temporal_port)."""
    return f"{EMBEDDED_HOST}:{settings.temporal_port}"


def temporal_address(settings: Settings) -> str:
    """The configured frontend address, or the embedded dev server's."""
    return settings.temporal_address or embedded_address(settings)


async def connect(settings: Settings) -> Client:
    """A Temporal client for the configured namespace."""
    return await Client.connect(temporal_address(settings), namespace=settings.temporal_namespace)


class LazyTemporalClient:
    """One client per process, connected on first use; a failed connect is retried on the next use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: Client | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        """The connected client (connects now if not yet connected)."""
        async with self._lock:
            if self._client is None:
                self._client = await connect(self.settings)
            return self._client

    async def reachable(self, timeout_s: float = 2.0) -> tuple[bool, str]:
        """Whether the frontend answers a health check within ``timeout_s``; else the error's name."""
        try:
            client = await asyncio.wait_for(self.get(), timeout_s)
            await asyncio.wait_for(client.service_client.check_health(), timeout_s)
        except Exception as error:  # noqa: BLE001  (reported by /readyz)
            return False, type(error).__name__
        return True, ""


async def temporal_reachable(settings: Settings, timeout_s: float = 2.0) -> tuple[bool, str]:
    """Whether the Temporal frontend answers a health check within ``timeout_s`` (a fresh connection)."""
    return await LazyTemporalClient(settings).reachable(timeout_s)
