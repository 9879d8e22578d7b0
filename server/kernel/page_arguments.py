"""The four paging arguments of a connection field, described once."""

from typing import Annotated

import strawberry

FirstArg = Annotated[
    int | None,
    strawberry.argument(description="Items from the start (or after `after`), at most 100. / 自起点（或 `after` 之后）取的条数，最多 100。"),
]
AfterArg = Annotated[str | None, strawberry.argument(description="Read items after this cursor. / 读取此游标之后的数据。")]
LastArg = Annotated[
    int | None,
    strawberry.argument(description="Items from the end (or before `before`), at most 100. / 自末尾（或 `before` 之前）取的条数，最多 100。"),
]
BeforeArg = Annotated[str | None, strawberry.argument(description="Read items before this cursor. / 读取此游标之前的数据。")]
