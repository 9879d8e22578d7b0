"""The goals section of a team review: each goal touching the team, its latest verdict and the team's part."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import led_team_ids
from server.evaluation.events import ReviewCompiling, ReviewSection
from server.goals.models import GoalCheck
from server.goals.planning import team_part_key
from server.goals.repository import GoalRepository

SECTION_KEY = "goals"


def _check(check: GoalCheck | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {"status": check.status, "expected": check.expected, "actual": check.actual,
            "sample_size": check.sample_size, "checked_at_us": check.checked_at_us}


async def add_goal_statuses(session: AsyncSession, event: ReviewCompiling) -> None:
    """Append the goal statuses of ``event.team_id`` (and its sub-teams) once; no message text, no customer data."""
    if any(section.key == SECTION_KEY for section in event.sections):
        return
    repository = GoalRepository(session)
    teams = await led_team_ids(session, [event.team_id])
    goals = [goal for goal in await repository.goals_touching_teams(sorted(teams)) if goal.created_at_us < event.period_end_us]
    latest = await repository.latest_goal_checks([goal.goal_id for goal in goals])
    rows = []
    for goal in goals:
        key = team_part_key(event.team_id)
        history = await repository.history(goal.goal_id, [key])
        parts = {part.part_key: part for part in await repository.parts(goal.goal_id)}
        part = parts.get(key)
        rows.append({
            "goal_id": goal.goal_id, "name": goal.name, "metric_key": goal.metric_key, "status": goal.status,
            "baseline": goal.baseline, "target": goal.target, "shortfall": goal.shortfall,
            "latest_check": _check(latest.get(goal.goal_id)),
            "team_part": None if part is None else {
                "baseline": part.baseline, "target": part.target, "capped": part.capped,
                "latest_check": _check(history[key][-1] if history[key] else None),
            },
        })
    event.sections.append(ReviewSection(SECTION_KEY, "目标状态", "Goal statuses", {"team_id": event.team_id, "goals": rows}))
