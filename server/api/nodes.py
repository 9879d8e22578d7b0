"""``node(id:)`` and ``nodes(ids:)``: any record by its global id, through its feature's own look-up."""

from collections.abc import Mapping, Sequence
from typing import Annotated

import strawberry
from strawberry.types import Info

from server.errors import BadUserInput
from server.kernel.relay import Node, NodeType, split_global_id

MAX_NODES = 100
"""Most ids one ``nodes`` call accepts (the page size cap)."""


def build_node_query(node_types: Sequence[NodeType]) -> type:
    """The root fields resolving global ids of ``node_types`` (each type's visibility rules apply)."""
    loads: Mapping[str, NodeType] = {node_type.name: node_type for node_type in node_types}

    async def load(info: Info, global_id: str) -> Node | None:
        parts = split_global_id(global_id)
        if parts is None:
            raise BadUserInput(f"{global_id!r} is not a global id", field=("id",))
        type_name, key = parts
        node_type = loads.get(type_name)
        return await node_type.load(info.context, key) if node_type is not None else None

    @strawberry.type
    class NodeQuery:
        @strawberry.field(
            description="The record with this global id, if it exists and you may see it. / 按全局 ID 获取记录（不存在或无权查看时为空）。"
        )
        async def node(
            self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global id. / 全局 ID。")]
        ) -> Node | None:
            return await load(info, id)

        @strawberry.field(
            description="Records by global id, in the order asked (null where none is visible); at most 100. "
            "/ 按全局 ID 批量获取记录（顺序与请求一致，不可见处为空；最多 100 个）。"
        )
        async def nodes(
            self,
            info: Info,
            ids: Annotated[list[strawberry.ID], strawberry.argument(description="Global ids. / 全局 ID 列表。")],
        ) -> list[Node | None]:
            if len(ids) > MAX_NODES:
                raise BadUserInput(f"at most {MAX_NODES} ids per call", field=("ids",))
            return [await load(info, global_id) for global_id in ids]

    return NodeQuery
