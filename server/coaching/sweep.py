"""The periodic sweep of metric-based coaching rules: falling trends, weak KB search, peak-hour abandonment, QA.

Run daily by ``CoachingRulesSweepWorkflow``. Each firing is keyed by its rule, subject and
the local week the sweep ran in, so the sweeps of one week take an action at most once.

- ``falling_trend``: the agent's weekly values of the metric over the last K whole weeks
  got worse every week (per the metric's direction), each week with at least one sample;
  agents with an active plan on the metric are being coached already and are left out.
- ``kb_search_below``: a team's knowledge-base hit rate in a category over the last 28 days
  is below the level, with at least 20 searches.
- ``abandonment_peak``: the organisation's abandonment pooled over its peak hours
  (server/insights/peaks.py) over the last 28 days is above the level (abandoned
  conversations reached no agent, so no team is credited with them).
- ``qa_dimension_below``: the agent's mean QA score over the last 28 days is below the level,
  from the scores kept off ``quality.scored`` (server/coaching/qa.py, at least 5 scored
  conversations), or from the metric key once the catalogue carries ``qa_score_avg``.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from server.coaching.qa import mean_scores
from server.coaching.remediation import Trigger, apply_rule
from server.coaching.repository import coached_now
from server.coaching.rules import Rule, RuleSet, current_rules
from server.config import Settings
from server.insights.peaks import Level, grid_of, hourly_rows
from server.insights.pooling import pooled
from server.metrics.api import METRICS_BY_KEY, Dimension, Direction, MetricsRequest, compute_metrics, metric_definition
from server.timefmt import from_us, to_us

LOOKBACK_DAYS = 28
MINIMUM_SEARCHES = 20


def week_of(at_us: int, settings: Settings) -> datetime:
    """The local Monday 00:00 of the week ``at_us`` falls in."""
    local = from_us(at_us, settings.zone)
    return datetime(local.year, local.month, local.day, tzinfo=settings.zone) - timedelta(days=local.weekday())


def worsening(values: list[float], direction: Direction) -> bool:
    """Every value worse than the one before (at least two values)."""
    if len(values) < 2:
        return False
    pairs = list(zip(values, values[1:], strict=False))
    if direction is Direction.HIGHER:
        return all(later < earlier for earlier, later in pairs)
    return all(later > earlier for earlier, later in pairs)


async def falling_trends(session: AsyncSession, rule: Rule, week: datetime, settings: Settings) -> list[Trigger]:
    metric, weeks = rule.condition["metric"], rule.condition["weeks"]
    request = MetricsRequest(from_=week - timedelta(weeks=weeks), to=week, group_by=(Dimension.AGENT, Dimension.WEEK), metrics=(metric,))
    by_agent: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in await compute_metrics(session, request, settings=settings):
        value, agent, bucket = row.values[metric].value, row.dimensions["agent_id"], row.dimensions["bucket"]
        if agent is not None and bucket is not None and value is not None:
            by_agent[agent].append((bucket, float(value)))
    direction = metric_definition(metric).direction
    coached = await coached_now(session, metric)
    found = []
    for agent, series in sorted(by_agent.items()):
        if agent in coached:
            continue
        series.sort()
        values = [value for _bucket, value in series]
        if len(values) == weeks and worsening(values, direction):
            found.append(Trigger(
                key=f"trend:{agent}:{week.date().isoformat()}", agent_id=agent, team_id=None, metric_key=metric,
                numbers={"metric": metric, "weeks": [bucket for bucket, _value in series], "values": values},
            ))
    return found


async def weak_kb_search(session: AsyncSession, rule: Rule, week: datetime, settings: Settings) -> list[Trigger]:
    level, only = rule.condition["level"], rule.condition.get("category")
    request = MetricsRequest(
        from_=week - timedelta(days=LOOKBACK_DAYS), to=week, group_by=(Dimension.TEAM, Dimension.CATEGORY), metrics=("kb_hit_rate",),
        categories=frozenset({only}) if only else None,
    )
    found = []
    for row in await compute_metrics(session, request, settings=settings):
        hit, team, category = row.values["kb_hit_rate"], row.dimensions["team_id"], row.dimensions["category"]
        if team is None or category is None or hit.value is None or hit.sample_size < MINIMUM_SEARCHES or hit.value >= level:
            continue
        found.append(Trigger(
            key=f"kb:{team}:{category}:{week.date().isoformat()}", agent_id=None, team_id=team, metric_key="kb_hit_rate",
            numbers={"kbHitRate": hit.value, "searches": hit.sample_size, "level": level, "category": category},
            categories=(category,),
        ))
    return found


async def peak_abandonment(session: AsyncSession, rule: Rule, week: datetime, settings: Settings) -> list[Trigger]:
    """Organisation-wide: abandoned conversations never reached an agent, so no team is credited with them."""
    level = rule.condition["level"]
    base = MetricsRequest(from_=week - timedelta(days=LOOKBACK_DAYS), to=week)
    rows = await hourly_rows(session, base, ("conversations", "service_level", "abandon_rate"), settings=settings, scope=None)
    grid = grid_of(rows)
    peaks = {(cell.weekday, cell.hour) for cell in grid.cells if cell.level is Level.PEAK}
    in_peaks = [row for row in rows if _cell(row.dimensions["bucket"]) in peaks]
    abandon = pooled(metric_definition("abandon_rate"), (row.values["abandon_rate"] for row in in_peaks))
    if abandon.value is None or abandon.value <= level:
        return []
    return [Trigger(
        key=f"peak:organisation:{week.date().isoformat()}", agent_id=None, team_id=None, metric_key="abandon_rate",
        numbers={"abandonRate": abandon.value, "abandonPopulation": abandon.sample_size, "level": level},
        detail={"peakHours": [list(cell) for cell in sorted(peaks)]},
    )]


def _cell(bucket: str | None) -> tuple[int, int]:
    assert bucket is not None
    start = datetime.fromisoformat(bucket)
    return start.isoweekday(), start.hour


async def low_qa(session: AsyncSession, rule: Rule, week: datetime, settings: Settings) -> list[Trigger]:
    dimension, level = rule.condition["dimension"], rule.condition["level"]
    coached = await coached_now(session, dimension)
    lookback = week - timedelta(days=LOOKBACK_DAYS)
    if dimension in METRICS_BY_KEY:
        request = MetricsRequest(from_=lookback, to=week, group_by=(Dimension.AGENT,), metrics=(dimension,))
        means: dict[str, tuple[float, int]] = {}
        for row in await compute_metrics(session, request, settings=settings):
            agent, value = row.dimensions["agent_id"], row.values[dimension]
            if agent is not None and value.value is not None:
                means[agent] = (float(value.value), value.sample_size)
    else:
        means = await mean_scores(session, to_us(lookback), to_us(week))
    return [
        Trigger(key=f"qa:{agent}:{week.date().isoformat()}", agent_id=agent, team_id=None, metric_key=dimension,
                numbers={dimension: mean, "scored": scored, "level": level})
        for agent, (mean, scored) in sorted(means.items())
        if agent not in coached and mean < level
    ]


EVALUATORS = {
    "falling_trend": falling_trends,
    "kb_search_below": weak_kb_search,
    "abandonment_peak": peak_abandonment,
    "qa_dimension_below": low_qa,
}


async def sweep(session: AsyncSession, at_us: int, settings: Settings, rules: RuleSet | None = None) -> tuple[int, list[str]]:
    """Evaluate every enabled metric-based rule for the week ``at_us`` falls in: actions taken, intents to nudge."""
    rules = rules or await current_rules(session)
    week = week_of(at_us, settings)
    taken = 0
    intents: list[str] = []
    for rule in rules.rules:
        evaluator = EVALUATORS.get(rule.condition_type)
        if not rule.enabled or evaluator is None:
            continue
        for trigger in await evaluator(session, rule, week, settings):
            actions, written = await apply_rule(session, rules, rule, trigger, now_us=at_us)
            taken += len(actions)
            intents += written.intents
    return taken, intents
