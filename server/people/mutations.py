"""Mutations of the directory (administrators and HR): create, update, deactivate; access changes are audited."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.errors import NotFound
from server.kernel.payloads import AlreadyExists, payload_mutation
from server.kernel.relay import from_global_id
from server.people.inputs import created_record, updated_record
from server.people.records import UserRecord
from server.people.repository import DirectoryRepository
from server.people.service import Actor, store_user
from server.people.types import (
    USER_TYPE,
    CreateUserInput,
    CreateUserPayload,
    DeactivateUserInput,
    DeactivateUserPayload,
    UpdateUserInput,
    UpdateUserPayload,
    UserType,
)
from server.timefmt import now_us


def _actor(info: Info) -> Actor:
    return Actor(info.context.principal, info.context.request_id)


async def _stored(info: Info, global_id: str) -> UserRecord:
    key = from_global_id(global_id, USER_TYPE, field=("id",))
    stored = await DirectoryRepository(info.context.session).get(key)
    if stored is None:
        raise NotFound(f"no user {key}", field=("id",))
    return stored


async def _save(info: Info, record: UserRecord) -> UserType:
    await store_user(info.context.session, record, _actor(info), now_us=now_us())
    saved = await DirectoryRepository(info.context.session).get(record.user_id)
    assert saved is not None
    return UserType.from_record(saved)


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Add a person to the directory (admins, HR); audited. / 新增人员（管理员、人事），留审计记录。")
    @payload_mutation
    async def create_user(self, info: Info, input: Annotated[CreateUserInput, strawberry.argument(description="The new user. / 新用户。")]) -> CreateUserPayload:
        await require_rows(info.context, USER_TYPE, "write")
        record = created_record(input)
        if await DirectoryRepository(info.context.session).get(record.user_id) is not None:
            raise AlreadyExists(f"user {record.user_id} exists already", field=("externalId",))
        return CreateUserPayload(user=await _save(info, record))

    @strawberry.mutation(description="Change a person's record (admins, HR); role and team changes are audited. / 修改人员（管理员、人事），角色与团队变更留审计记录。")
    @payload_mutation
    async def update_user(self, info: Info, input: Annotated[UpdateUserInput, strawberry.argument(description="The user and the changes. / 用户及其变更。")]) -> UpdateUserPayload:
        await require_rows(info.context, USER_TYPE, "write")
        stored = await _stored(info, input.id)
        return UpdateUserPayload(user=await _save(info, updated_record(stored, input)))

    @strawberry.mutation(description="Deactivate a person: they can no longer sign in (admins, HR); audited. / 停用人员，之后无法登录（管理员、人事），留审计记录。")
    @payload_mutation
    async def deactivate_user(self, info: Info, input: Annotated[DeactivateUserInput, strawberry.argument(description="Whom to deactivate. / 要停用的用户。")]) -> DeactivateUserPayload:
        await require_rows(info.context, USER_TYPE, "write")
        stored = await _stored(info, input.id)
        return DeactivateUserPayload(user=await _save(info, stored.with_changes(active=False)))
