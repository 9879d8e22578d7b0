"""Mutations of the evaluation feature: a team review now, and a team's review cadence."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import require_in_scope, require_rows
from server.authz.policy import Scope
from server.authz.scoping import RowScope
from server.errors import BadUserInput, NotFound
from server.evaluation.review import compile_review
from server.evaluation.schedules import SCHEDULE_INTENT, on_demand_period, schedule_state, set_schedule
from server.evaluation.scoping import REVIEW_TYPE
from server.evaluation.types import (
    RunTeamReviewNowInput, RunTeamReviewNowPayload, SetTeamReviewScheduleInput, SetTeamReviewSchedulePayload,
    TeamReviewScheduleType, TeamReviewType,
)
from server.intents.request import request_intent
from server.intents.service import complete_intent, intent_handlers
from server.kernel.installed import installed_features
from server.kernel.payloads import payload_mutation
from server.kernel.relay import from_global_id
from server.org.models import Team
from server.timefmt import now_us

MAX_INTERVAL_DAYS = 91


async def _team_in_write_scope(info: Info, global_id: str) -> str:
    """The team's key; NOT_FOUND for an unknown team, FORBIDDEN (audited) outside the caller's teams."""
    scope: RowScope = await require_rows(info.context, REVIEW_TYPE, "write")
    team_id = from_global_id(global_id, "Team", field=("teamId",))
    if await info.context.session.get(Team, team_id) is None:
        raise NotFound(f"no team {team_id}", field=("teamId",))
    require_in_scope(info.context, REVIEW_TYPE, AuditSubject("team", team_id), scope.has(Scope.ALL) or team_id in scope.team_ids)
    return team_id


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation(description="Write the team's review of the period up to the end of today now (managers: their teams). / 立即生成团队截至今天的复盘（经理：其团队）。")
    @payload_mutation
    async def run_team_review_now(
        self, info: Info, input: Annotated[RunTeamReviewNowInput, strawberry.argument(description="The team. / 团队。")],
    ) -> RunTeamReviewNowPayload:
        context = info.context
        team_id = await _team_in_write_scope(info, input.team_id)
        instant = now_us()
        interval_days, _enabled = await schedule_state(context.session, team_id, context.settings)
        start, end = on_demand_period(instant, interval_days, context.settings.zone)
        written = await compile_review(context.session, context.settings, team_id, start, end, trigger="on_demand", now_us=instant)
        handlers = intent_handlers(installed_features())
        for intent_id in written.intent_ids:
            async def deliver(intent_id: str = intent_id) -> None:
                await complete_intent(context.sessionmaker, intent_id, handlers, context.settings, now_us=now_us())

            context.on_commit(deliver)
        return RunTeamReviewNowPayload(review=TeamReviewType.from_row(written.review))

    @strawberry.mutation(description="Set a team's review cadence; its schedule starts after the change commits. / 设置团队复盘周期，提交后启动定期复盘。")
    @payload_mutation
    async def set_team_review_schedule(
        self, info: Info, input: Annotated[SetTeamReviewScheduleInput, strawberry.argument(description="The cadence. / 周期。")],
    ) -> SetTeamReviewSchedulePayload:
        if not 1 <= input.interval_days <= MAX_INTERVAL_DAYS:
            raise BadUserInput(
                f"intervalDays must be between 1 and {MAX_INTERVAL_DAYS}", field=("intervalDays",),
                message_zh=f"复盘间隔须在 1 到 {MAX_INTERVAL_DAYS} 天之间",
            )
        team_id = await _team_in_write_scope(info, input.team_id)
        stored = await set_schedule(info.context.session, team_id, input.interval_days, input.enabled, now_us=now_us())
        request_intent(info.context, SCHEDULE_INTENT, {"team_id": team_id})
        return SetTeamReviewSchedulePayload(schedule=TeamReviewScheduleType(
            team_id=input.team_id, interval_days=stored.interval_days, enabled=stored.enabled,
        ))
