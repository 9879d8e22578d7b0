"""Queries of coaching: plans (scoped), your own tasks, the library of paths and templates, the rules in force."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import record_hidden, require_rows
from server.coaching.loaders import PlanByIdLoader
from server.coaching.models import CoachingPlan
from server.coaching.repository import OwnTasks, PlanFilter, ScopedPlans
from server.coaching.rules import current_rules, default_rules
from server.coaching.types import (
    PLAN_TYPE,

    CoachingPlanFilterInput,
    CoachingPlanType,
    CoachingRulesType,
    CoachingTaskType,
    ScriptTemplateType,
    TrainingPathType,
)
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection, from_global_id

@strawberry.type
class CoachingQuery:
    @strawberry.field(description="Coaching plans you may see (your own, your teams', or all), newest first. / 你可见的辅导计划（新在前）。")
    async def coaching_plans(
        self, info: Info,
        filter: Annotated[CoachingPlanFilterInput | None, strawberry.argument(description="Narrowing. / 筛选条件。")] = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[CoachingPlanType]:
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        plans = ScopedPlans(info.context.session, await require_rows(info.context, PLAN_TYPE))
        narrowing = PlanFilter(
            agent_id=from_global_id(filter.agent_id, "Agent", field=("filter", "agentId")) if filter and filter.agent_id else None,
            status=filter.status.value if filter and filter.status else None,
            metric_key=filter.metric_key if filter else None,
        )
        page = await plans.plan_page(args, narrowing)

        async def to_nodes(rows: list) -> list[CoachingPlanType | None]:
            return [CoachingPlanType.from_row(row) for row in rows]

        async def count() -> int:
            return await plans.plan_count(narrowing)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="One coaching plan by global id; null when you may not see it (reads are audited). / 按全局 ID 查询辅导计划（读取留痕）。")
    async def coaching_plan(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Global id. / 全局 ID。")]) -> CoachingPlanType | None:
        key = from_global_id(id, PLAN_TYPE, field=("id",))
        await require_rows(info.context, PLAN_TYPE)
        plan = await info.context.loader(PlanByIdLoader).load(key)
        if plan is None:
            exists = await info.context.session.get(CoachingPlan, key) is not None
            record_hidden(info.context, PLAN_TYPE, AuditSubject("coaching_plan", key), exists)
            return None
        return CoachingPlanType.from_row(plan)

    @strawberry.field(description="Tasks of your own coaching plans, soonest due first. / 你自己的辅导任务（按截止时间）。")
    async def my_tasks(
        self, info: Info,
        open_only: Annotated[bool, strawberry.argument(description="Only unfinished tasks. / 仅未完成的任务。")] = False,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[CoachingTaskType]:
        await require_rows(info.context, PLAN_TYPE)
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        subject = info.context.principal.subject
        tasks = OwnTasks(info.context.session, subject)
        page = await tasks.page(args, open_only)

        async def to_nodes(rows: list) -> list[CoachingTaskType | None]:
            return [CoachingTaskType.from_row(row, subject) for row in rows]

        async def count() -> int:
            return await tasks.count(open_only)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="The training paths plans and rules draw on. / 可用的培训路径。")
    async def training_paths(self, info: Info) -> list[TrainingPathType]:
        library = default_rules().library
        return [TrainingPathType.of(path, info.context.language) for path in library.paths.values()]

    @strawberry.field(description="Script templates (话术模板), optionally for a category or a metric. / 话术模板（可按类目或指标筛选）。")
    async def script_templates(
        self, info: Info,
        category: Annotated[str | None, strawberry.argument(description="Only templates for this category. / 仅该类目。")] = None,
        metric_key: Annotated[str | None, strawberry.argument(description="Only templates for this metric. / 仅该指标。")] = None,
    ) -> list[ScriptTemplateType]:
        library = default_rules().library
        return [
            ScriptTemplateType.of(template, info.context.language)
            for template in library.templates.values()
            if (category is None or category in template.categories) and (metric_key is None or metric_key in template.metrics)
        ]

    @strawberry.field(description="The coaching rules in force and their version. / 当前生效的辅导规则。")
    async def coaching_rules(self, info: Info) -> CoachingRulesType:
        return CoachingRulesType.of(await current_rules(info.context.session))

