"""Connecting to Temporal: the configured cluster (plaintext, TLS, mTLS, API key), or the embedded dev server.

Every connection of the API, the worker, ``up`` and the CLI goes through ``connect``,
so the ``COACHLOOP_TEMPORAL_*`` settings apply to all of them alike.
"""

import asyncio
from pathlib import Path
from typing import Any

from temporalio.client import Client
from temporalio.service import TLSConfig

from server.config import Settings
from server.ops.tracing import temporal_interceptors

EMBEDDED_HOST = "127.0.0.1"


class TemporalSettingsError(ValueError):
    """A Temporal connection setting names a file that cannot be read."""


def embedded_address(settings: Settings) -> str:
    """host:port of the dev server ``coachloop up`` starts (settings.temporal_port)."""
    return f"{EMBEDDED_HOST}:{settings.temporal_port}"


def temporal_address(settings: Settings) -> str:
    """The configured frontend address, or the embedded dev server's."""
    return settings.temporal_address or embedded_address(settings)


def read_pem(setting: str, path: str) -> bytes | None:
    """The bytes of the PEM file ``path`` names (None when empty); a clear error naming the setting otherwise."""
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise TemporalSettingsError(f"COACHLOOP_{setting.upper()}: cannot read {path}: {error.strerror}") from error


def temporal_tls(settings: Settings) -> TLSConfig | bool:
    """False for plaintext, True for TLS against the system roots, or the TLSConfig the files describe."""
    files = {
        name: getattr(settings, name)
        for name in ("temporal_tls_ca_file", "temporal_tls_cert_file", "temporal_tls_key_file")
    }
    custom = any(files.values()) or bool(settings.temporal_tls_server_name)
    if not (custom or settings.temporal_tls or settings.temporal_api_key):
        return False
    if not custom:
        return True
    return TLSConfig(
        server_root_ca_cert=read_pem("temporal_tls_ca_file", files["temporal_tls_ca_file"]),
        client_cert=read_pem("temporal_tls_cert_file", files["temporal_tls_cert_file"]),
        client_private_key=read_pem("temporal_tls_key_file", files["temporal_tls_key_file"]),
        domain=settings.temporal_tls_server_name or None,
    )


def connection_options(settings: Settings) -> dict[str, Any]:
    """The keyword arguments of ``Client.connect`` for ``settings``."""
    return {
        "target_host": temporal_address(settings),
        "namespace": settings.temporal_namespace,
        "tls": temporal_tls(settings),
        "api_key": settings.temporal_api_key or None,
        "interceptors": temporal_interceptors(),
    }


async def connect(settings: Settings) -> Client:
    """A Temporal client for the configured address, namespace, TLS and API key."""
    return await Client.connect(**connection_options(settings))


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
