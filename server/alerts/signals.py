"""Telling every subscriber of every API process that an alert was raised or changed, once.

An alert change is announced in the transaction that makes it:

- on PostgreSQL, by ``pg_notify`` on the ``coachloop_alerts`` channel: PostgreSQL delivers
  it at commit (never after a rollback) to one listening connection per API process,
  which hands it to that process's subscribers, so each subscriber sees it exactly once
  whichever process committed it (API, CLI import, worker);
- on SQLite (a single process), by the session's after-commit event, straight to this
  process's subscribers.

Each subscriber has a queue of its own; what it may see is decided per event by the
subscription, not here.
"""

import asyncio
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.evaluation import AlertChange

logger = logging.getLogger(__name__)

CHANNEL = "coachloop_alerts"
QUEUE_LIMIT = 1000


class AlertBroker:
    """This process's subscribers, each with its own queue of alert changes (on the event loop that reads it)."""

    def __init__(self) -> None:
        self.queues: dict[asyncio.Queue[AlertChange], asyncio.AbstractEventLoop] = {}

    def publish(self, changes: Sequence[AlertChange]) -> None:
        """Hand ``changes`` to every subscriber; safe from any thread or event loop of the process."""
        for queue, loop in list(self.queues.items()):
            loop.call_soon_threadsafe(_offer, queue, list(changes))

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Queue[AlertChange]]:
        queue: asyncio.Queue[AlertChange] = asyncio.Queue(QUEUE_LIMIT)
        self.queues[queue] = asyncio.get_running_loop()
        try:
            yield queue
        finally:
            self.queues.pop(queue, None)


def _offer(queue: asyncio.Queue[AlertChange], changes: list[AlertChange]) -> None:
    for change in changes:
        if queue.full():
            logger.warning("an alert subscriber is %d changes behind; dropping %s", QUEUE_LIMIT, change.alert_id)
            continue
        queue.put_nowait(change)


BROKER = AlertBroker()


def _encode(changes: Sequence[AlertChange]) -> str:
    return json.dumps([[change.kind, change.alert_id] for change in changes], separators=(",", ":"))


def _decode(payload: str) -> list[AlertChange]:
    return [AlertChange(kind, alert_id) for kind, alert_id in json.loads(payload)]


def is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def announce(session: AsyncSession, changes: Sequence[AlertChange]) -> None:
    """Tell every subscriber about ``changes`` once ``session``'s transaction commits (never after a rollback)."""
    if not changes:
        return
    if is_postgres(session):
        await session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": _encode(changes)})
        return
    published = list(changes)

    def after_commit(_session: object) -> None:
        BROKER.publish(published)

    event.listen(session.sync_session, "after_commit", after_commit, once=True)


@dataclass
class _Listener:
    task: asyncio.Task[None]
    ready: asyncio.Event


_LISTENERS: dict[tuple[int, str], _Listener] = {}


def libpq_url(database_url: str) -> str:
    """The database URL as libpq takes it (no SQLAlchemy driver name)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _listen(database_url: str, ready: asyncio.Event) -> None:
    """Forward every notification on the channel to this process's broker; reconnect after a failure."""
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(libpq_url(database_url), autocommit=True) as connection:
                await connection.execute(f"LISTEN {CHANNEL}")
                ready.set()
                async for notification in connection.notifies():
                    BROKER.publish(_decode(notification.payload))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("alert LISTEN connection lost; reconnecting")
            await asyncio.sleep(1.0)


async def ensure_listening(database_url: str) -> None:
    """On PostgreSQL, make sure this process listens for alert changes (once per event loop); no-op on SQLite."""
    if make_url(database_url).get_backend_name() != "postgresql":
        return
    key = (id(asyncio.get_running_loop()), database_url)
    listener = _LISTENERS.get(key)
    if listener is None or listener.task.done():
        ready = asyncio.Event()
        listener = _LISTENERS[key] = _Listener(asyncio.create_task(_listen(database_url, ready)), ready)
    await listener.ready.wait()
