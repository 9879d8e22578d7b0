"""Queries of goals: a page of the goals you may see, and one goal."""

from typing import Annotated, cast

import strawberry
from strawberry.types import Info

from server.authz.guards import load_visible, require_rows
from server.goals.loaders import GOAL_RECORD, GoalByIdLoader
from server.goals.models import Goal
from server.goals.repository import GoalFilter, GoalRepository, ScopedGoals
from server.goals.types import GOAL_TYPE, GoalFilterInput, GoalIdArgument, GoalType
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection, from_global_id


def goal_filter(filter: GoalFilterInput | None) -> GoalFilter:
    if filter is None:
        return GoalFilter()
    return GoalFilter(
        statuses=None if filter.statuses is None else tuple(cast(str, status.value) for status in filter.statuses),
        metric_key=filter.metric_key,
        team_id=None if filter.team_id is None else from_global_id(filter.team_id, "Team", field=("filter", "teamId")),
        agent_id=None if filter.agent_id is None else from_global_id(filter.agent_id, "Agent", field=("filter", "agentId")),
    )


async def _exists(session, goal_id: str) -> bool:  # noqa: ANN001
    return await GoalRepository(session).exists(goal_id)


@strawberry.type
class GoalsQuery:
    @strawberry.field(description="Goals you may see, newest first, paged. / 你可见的目标（新在前，分页）。")
    async def goals(
        self, info: Info,
        filter: Annotated[GoalFilterInput | None, strawberry.argument(description="Narrowing. / 筛选条件。")] = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[GoalType]:
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        goals = ScopedGoals(info.context.session, await require_rows(info.context, GOAL_RECORD))
        narrowing = goal_filter(filter)
        page = await goals.page(args, narrowing)

        async def to_nodes(rows: list[Goal]) -> list[GoalType | None]:
            return [GoalType.from_row(row) for row in rows]

        async def count() -> int:
            return await goals.count(narrowing)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="One goal by global id; null when you may not see it. / 按全局 ID 获取目标，不可见时为空。")
    async def goal(self, info: Info, id: GoalIdArgument) -> GoalType | None:
        goal_id = from_global_id(id, GOAL_TYPE, field=("id",))
        found = await load_visible(info.context, GOAL_RECORD, "goal", GoalByIdLoader, _exists, goal_id)
        return GoalType.from_row(found) if found is not None else None
