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
