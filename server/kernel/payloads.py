"""Mutation payloads: the changed object and ``userErrors`` for expected failures.

Every mutation takes one ``input`` and returns ``<Name>Payload``. A failure the caller
can fix (a value out of range, an id that names nothing, a state that forbids the
change) comes back in ``userErrors`` with the field at fault and a stable code, and
the operation's writes are rolled back. Authentication, authorisation and server
faults stay top-level errors.
"""

import functools
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, ParamSpec, TypeVar, get_type_hints

import strawberry

from server.errors import BadUserInput, CoachloopError, ErrorCode, NotFound
from server.kernel.language import DEFAULT_LANGUAGE, pick


@strawberry.enum(description="Why a mutation's input was refused. / 变更输入被拒绝的原因。")
class UserErrorCode(Enum):
    INVALID = strawberry.enum_value(
        "INVALID", description="A value is malformed or out of range. / 取值格式错误或超出范围。"
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="An id names no record you may see. / ID 未指向你可见的记录。"
    )
    ALREADY_EXISTS = strawberry.enum_value(
        "ALREADY_EXISTS", description="A record with this key exists already. / 相同键的记录已存在。"
    )
    INVALID_STATE = strawberry.enum_value(
        "INVALID_STATE", description="The record's current state does not allow this change. / 记录当前状态不允许此变更。"
    )


class AlreadyExists(BadUserInput):
    """A create whose key is taken."""

    user_code = UserErrorCode.ALREADY_EXISTS


class InvalidState(BadUserInput):
    """A change the record's state forbids (cancelling a finished goal, say)."""

    user_code = UserErrorCode.INVALID_STATE


EXPECTED_CODES = {ErrorCode.BAD_USER_INPUT: UserErrorCode.INVALID, ErrorCode.NOT_FOUND: UserErrorCode.NOT_FOUND}
"""Top-level codes a mutation reports as userErrors; UNAUTHENTICATED, FORBIDDEN and faults stay top-level."""


@strawberry.type(description="A problem with a mutation's input that the caller can fix. / 调用方可修正的输入问题。")
class UserError:
    field: list[str] | None = strawberry.field(
        description="Path to the input field at fault (`[\"input\", \"agentId\"]`); null when no single field is. "
        "/ 出错输入字段的路径；与具体字段无关时为空。"
    )
    message: str = strawberry.field(
        description="What is wrong, in the request's language. / 问题说明（按请求语言）。"
    )
    code: UserErrorCode = strawberry.field(description="Stable code to branch on. / 可据以分支处理的稳定代码。")

    @classmethod
    def of(cls, error: CoachloopError, language: Any = DEFAULT_LANGUAGE) -> "UserError":
        code = getattr(error, "user_code", None) or EXPECTED_CODES[error.code]
        return cls(
            field=list(error.field) if error.field is not None else None,
            message=pick(language, en=error.message, zh=error.message_zh),
            code=code,
        )


@strawberry.type(description="What every mutation payload carries. / 所有变更结果共有的字段。")
class Payload:
    user_errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Expected problems with the input; empty when the mutation succeeded. / 输入问题；成功时为空列表。",
    )


Params = ParamSpec("Params")
PayloadT = TypeVar("PayloadT", bound=Payload)


def payload_mutation(
    resolver: Callable[Params, Awaitable[PayloadT]],
) -> Callable[Params, Awaitable[PayloadT]]:
    """Turn a resolver's expected input errors into its payload's ``userErrors`` (the resolver takes ``info``).

    The operation's transaction is then rolled back, so a refused mutation changes nothing.
    A field path the error names is placed under ``input`` unless it already is.
    """
    payload_type = get_type_hints(resolver)["return"]

    @functools.wraps(resolver)
    async def resolve(*args: Params.args, **kwargs: Params.kwargs) -> PayloadT:
        try:
            return await resolver(*args, **kwargs)
        except (BadUserInput, NotFound) as error:
            context = kwargs["info"].context  # type: ignore[attr-defined]
            context.fail_transaction()
            return payload_type(user_errors=[UserError.of(under_input(error), context.language)])

    return resolve


def under_input(error: CoachloopError) -> CoachloopError:
    """``error`` with its field path placed under the mutation's ``input`` argument."""
    if error.field is not None and error.field[:1] != ("input",):
        error.field = ("input", *error.field)
    return error
