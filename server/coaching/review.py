"""The team review's coaching section: the team's open and overdue tasks (no message text, no customer data).

The evaluation feature publishes ``coaching.review_compiling``; it reads coaching's
``coaching.plan_ended`` through a protocol of its own, so coaching may import its events.
"""

from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import led_team_ids
from server.coaching.repository import team_open_tasks
from server.evaluation.events import ReviewCompiling, ReviewSection

SECTION_KEY = "coaching.tasks"


async def tasks_section(session: AsyncSession, team_id: str, at_us: int) -> ReviewSection:
    """Open and overdue tasks of the team and its sub-teams at ``at_us``, soonest due first."""
    teams = sorted(await led_team_ids(session, [team_id]))
    found = await team_open_tasks(session, teams, at_us)
    rows = [
        {"planId": plan.plan_id, "taskId": task.task_id, "agentId": plan.agent_id, "metric": plan.metric_key,
         "kind": task.kind, "status": task.status, "dueAtUs": task.due_at_us, "overdue": task.due_at_us <= at_us}
        for plan, task in found
    ]
    overdue = sum(1 for row in rows if row["overdue"])
    return ReviewSection(
        key=SECTION_KEY, title_zh="未完成与逾期的辅导任务", title_en="Open and overdue coaching tasks",
        data={"open": len(rows) - overdue, "overdue": overdue, "tasks": rows},
    )


async def on_review_compiling(session: AsyncSession, event: ReviewCompiling) -> None:
    """Listener of ``coaching.review_compiling``: append the tasks section as of the period's end."""
    event.sections.append(await tasks_section(session, event.team_id, event.period_end_us))
