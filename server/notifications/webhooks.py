"""Webhook endpoints and their secrets: create, change, rotate, delete; what each delivery sends and signs with."""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.notifications.kinds import KINDS
from server.notifications.models import WebhookEndpoint, WebhookSecret
from server.notifications.signing import new_secret

ROTATION_OVERLAP_US = 24 * 3600 * 1_000_000
"""After a rotation the previous secrets keep signing for a day, so receivers can switch without losing a delivery."""


class WebhookProblem(ValueError):
    """A webhook setting that cannot be stored: the field and a stable code."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code, self.message = field, code, message


@dataclass(frozen=True)
class WebhookChange:
    url: str | None = None
    kinds: Sequence[str] | None = None
    description: str | None = None
    active: bool | None = None
    rotate_secret: bool = False


def _check_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("https", "http") or not parsed.netloc:
        raise WebhookProblem("url", "invalid_url", f"a webhook URL must be http(s)://host/…, got {url!r}")
    return url


def _check_kinds(kinds: Sequence[str]) -> str:
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise WebhookProblem("kinds", "unknown_kind", f"unknown notification kinds: {', '.join(unknown)}")
    if not kinds:
        raise WebhookProblem("kinds", "no_kind", "a webhook receives at least one kind")
    return json.dumps(sorted(set(kinds)))


async def create_webhook(
    session: AsyncSession, *, url: str, kinds: Sequence[str], description: str | None, now_us: int
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its first secret (returned once, to configure the receiver)."""
    endpoint = WebhookEndpoint(
        webhook_id=uuid.uuid4().hex, url=_check_url(url), kinds=_check_kinds(kinds), description=description,
        created_at_us=now_us, updated_at_us=now_us,
    )
    session.add(endpoint)
    secret = add_secret(session, endpoint.webhook_id, now_us=now_us)
    await session.flush()
    return endpoint, secret


def add_secret(session: AsyncSession, webhook_id: str, *, now_us: int, secret: str | None = None) -> str:
    value = secret or new_secret()
    session.add(WebhookSecret(secret_id=uuid.uuid4().hex, webhook_id=webhook_id, secret=value, created_at_us=now_us))
    return value


async def live_endpoint(session: AsyncSession, webhook_id: str) -> WebhookEndpoint | None:
    endpoint = await session.get(WebhookEndpoint, webhook_id)
    return None if endpoint is None or endpoint.deleted else endpoint


async def update_webhook(
    session: AsyncSession, endpoint: WebhookEndpoint, change: WebhookChange, *, now_us: int
) -> str | None:
    """Apply ``change``; with ``rotate_secret`` a new secret starts signing and the others expire after the overlap."""
    if change.url is not None:
        endpoint.url = _check_url(change.url)
    if change.kinds is not None:
        endpoint.kinds = _check_kinds(change.kinds)
    if change.description is not None:
        endpoint.description = change.description
    if change.active is not None:
        endpoint.active = change.active
    endpoint.updated_at_us = now_us
    secret = None
    if change.rotate_secret:
        for old in await secrets_in_force(session, endpoint.webhook_id, at_us=now_us):
            if old.expires_at_us is None or old.expires_at_us > now_us + ROTATION_OVERLAP_US:
                old.expires_at_us = now_us + ROTATION_OVERLAP_US
        secret = add_secret(session, endpoint.webhook_id, now_us=now_us)
    await session.flush()
    return secret


async def delete_webhook(session: AsyncSession, endpoint: WebhookEndpoint, *, now_us: int) -> None:
    """Stop sending to it; its deliveries stay for the record."""
    endpoint.deleted = True
    endpoint.active = False
    endpoint.updated_at_us = now_us
    await session.flush()


async def secrets_in_force(session: AsyncSession, webhook_id: str, *, at_us: int) -> list[WebhookSecret]:
    """The endpoint's secrets not expired at ``at_us``, newest first."""
    statement = (
        select(WebhookSecret)
        .where(WebhookSecret.webhook_id == webhook_id,
               or_(WebhookSecret.expires_at_us.is_(None), WebhookSecret.expires_at_us > at_us))
        .order_by(WebhookSecret.created_at_us.desc(), WebhookSecret.secret_id)
    )
    return list((await session.execute(statement)).scalars())
