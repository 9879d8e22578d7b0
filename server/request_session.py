"""The session of one GraphQL request, shared by resolvers that run concurrently.

GraphQL resolves sibling fields (and the dataloader batches they trigger) concurrently,
while an SQLAlchemy session allows one operation at a time. ``RequestSession`` queues
its database operations behind a lock that the task holding it may re-enter (the
session's own methods call each other, e.g. ``scalars`` calls ``execute``).
"""

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

ResultT = TypeVar("ResultT")

SERIALIZED_METHODS = (
    "exec", "execute", "scalar", "scalars", "get", "get_one", "stream", "stream_scalars", "delete", "merge",
    "flush", "refresh", "run_sync", "connection", "commit", "rollback", "close",
)


class TaskReentrantLock:
    """An asyncio lock that the task holding it can acquire again."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task | None = None
        self._depth = 0

    async def run(self, operation: Callable[[], Awaitable[ResultT]]) -> ResultT:
        task = asyncio.current_task()
        if self._owner is task and task is not None:
            self._depth += 1
            try:
                return await operation()
            finally:
                self._depth -= 1
        async with self._lock:
            self._owner, self._depth = task, 1
            try:
                return await operation()
            finally:
                self._owner, self._depth = None, 0


def _serialized(name: str) -> Callable[..., Any]:
    method = getattr(AsyncSession, name)

    @functools.wraps(method)
    async def serialized(self: "RequestSession", *args: Any, **kwargs: Any) -> Any:
        return await self.operation_lock.run(lambda: method(self, *args, **kwargs))

    return serialized


class RequestSession(AsyncSession):
    """An AsyncSession whose database operations never overlap."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.operation_lock = TaskReentrantLock()


for _name in SERIALIZED_METHODS:
    setattr(RequestSession, _name, _serialized(_name))
