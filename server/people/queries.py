"""Queries of the directory: ``users`` (paged, scoped), ``user(id)``."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import load_visible, require_rows
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection, from_global_id
from server.people.loaders import UserByIdLoader
from server.people.repository import DirectoryRepository, ScopedUsers, UserFilter
from server.people.types import USER_TYPE, UserFilterInput, UserType


async def _user_exists(session, user_id: str) -> bool:  # noqa: ANN001
    return await DirectoryRepository(session).get(user_id) is not None


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="People you may see, paged: all for admins and HR, their teams' people for managers. / 你可见的人员（分页）：管理员与人事可见全部，经理可见其团队成员。")
    async def users(
        self,
        info: Info,
        filter: Annotated[UserFilterInput | None, strawberry.argument(description="Narrowing. / 筛选条件。")] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[UserType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        users = ScopedUsers(context.session, await require_rows(context, USER_TYPE))
        narrowing = UserFilter(active=filter.active if filter else None, role=filter.role if filter else None)
        page = await users.page(args, narrowing)

        async def to_nodes(user_ids: list[str]) -> list[UserType | None]:
            found = await DirectoryRepository(context.session).get_many(user_ids)
            return [UserType.from_record(found[user_id]) if user_id in found else None for user_id in user_ids]

        async def count() -> int:
            return await users.count(narrowing)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="One user by global id, if you may see them. / 按全局 ID 查询用户（无权查看时为空）。")
    async def user(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The user's global id. / 用户全局 ID。")]
    ) -> UserType | None:
        key = from_global_id(id, USER_TYPE, field=("id",))
        record = await load_visible(info.context, USER_TYPE, "user", UserByIdLoader, _user_exists, key)
        return UserType.from_record(record) if record is not None else None
