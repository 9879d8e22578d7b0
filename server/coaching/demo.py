"""Demo coaching: three plans for the demo organisation's first agents, one task overdue (idempotent)."""

from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.models import CoachingPlan
from server.coaching.plans import PlanSpec, TaskSpec, open_plan
from server.coaching.progress import DAY_US
from server.demo.events import DemoLoaded
from server.org.models import Agent

DEMO_ACTOR = "demo"
DEMO_PLANS = (
    ("fcr_rate", "提升首问解决率 / Raise first-contact resolution", "first-contact-resolution"),
    ("first_response_avg_s", "加快首次响应 / Answer faster", "response-speed"),
    ("csat_avg", "投诉安抚 / Calm complaints", "complaint-soothing"),
)


def _tasks(start_us: int, path: str, overdue: bool) -> tuple[TaskSpec, ...]:
    """Three tasks; the first one two days overdue when ``overdue`` (the story is told 14 days into the plan)."""
    return (
        TaskSpec("training_module", "完成培训模块 / Finish the training module", start_us + (12 if overdue else 16) * DAY_US, reference=path),
        TaskSpec("script_practice", "练习三条话术 / Practise three scripts", start_us + 15 * DAY_US),
        TaskSpec("one_to_one", "与主管一对一 / One-to-one with your manager", start_us + 20 * DAY_US),
    )


async def seed_demo_coaching(session: AsyncSession, event: DemoLoaded) -> list[str]:
    """Open the demo plans that are not there yet; returns the ids of those opened now."""
    agents = (await session.execute(select(Agent.agent_id).where(Agent.active.is_(True)).order_by(Agent.agent_id).limit(len(DEMO_PLANS)))).scalars().all()
    opened = []
    start_us = event.now_us - 14 * DAY_US
    for index, (agent_id, (metric, title, path)) in enumerate(zip(agents, DEMO_PLANS, strict=False)):
        key = f"demo:plan-{index + 1}"
        if (await session.execute(select(CoachingPlan.plan_id).where(CoachingPlan.source_key == key))).first() is not None:
            continue
        spec = PlanSpec(
            agent_id=agent_id, metric_key=metric, title=title, starts_at_us=start_us, evaluation_at_us=start_us + 28 * DAY_US,
            tasks=_tasks(start_us, path, overdue=index == 0), source="manager", source_key=key,
        )
        plan, _written = await open_plan(session, spec, actor=DEMO_ACTOR, now_us=start_us)
        opened.append(plan.plan_id)
    return opened


async def on_demo_loaded(session: AsyncSession, event: DemoLoaded) -> None:
    """Listener of ``demo.loaded``; the plans' workflow intents are completed after the demo's commit."""
    await seed_demo_coaching(session, event)
