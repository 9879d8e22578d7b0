"""Per-request loaders of directory users through the caller's row scope, and the ``User`` node."""

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from server.authz.guards import require_rows
from server.kernel.relay import NodeType
from server.people.records import UserRecord
from server.people.repository import ScopedUsers
from server.people.types import USER_TYPE, UserType


class UserByIdLoader(DataLoader[str, UserRecord | None]):
    """Users by subject id, as far as the caller's ``User`` scope reaches (one batch of statements per tick)."""

    def __init__(self, context: Any) -> None:
        self.context = context
        super().__init__(load_fn=self._load)

    async def _load(self, user_ids: Sequence[str]) -> list[UserRecord | None]:
        scope = await require_rows(self.context, USER_TYPE)
        found = await ScopedUsers(self.context.session, scope).visible(user_ids)
        return [found.get(user_id) for user_id in user_ids]


async def load_user_node(context: Any, key: str) -> UserType | None:
    record = await context.loader(UserByIdLoader).load(key)
    return UserType.from_record(record) if record is not None else None


USER_NODE = NodeType(USER_TYPE, load_user_node)


async def viewer_user(context: Any) -> UserType | None:
    """The caller's own directory record (None for a service principal, or a caller without any ``User`` scope)."""
    if context.principal is None or context.authorization is None:
        return None
    scope = await context.authorization.row_scope(context.session, USER_TYPE)
    if scope.empty:
        return None
    return await load_user_node(context, context.principal.subject)
