"""Evaluating the rules a batch's buckets touch, from the window state, and raising or clearing alerts.

For each touched scope, the rules on that scope kind (all of them, or the one naming it)
are evaluated on the windows ending at each touched bucket (the newest ``RECENT_BUCKETS``
per scope) and on the windows of the alerts those buckets fall into. Per window:

- an alert raised on exactly this window and not yet resolved is checked again (a late
  event): when the window no longer crosses, it is resolved as ``not_crossed``;
- a later window than the active alert's: past the hysteresis it is resolved as
  ``recovered``, otherwise its latest value is updated;
- no active alert: a crossing window raises one unless the rule's cool-down since the
  last alert of the same rule and scope has not passed.

Two processes never raise twice: an alert is unique per rule, scope and window, and
only one per rule and scope may be unresolved (an insert that meets either is dropped).
"""

import statistics
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select, tuple_, update
from sqlmodel import col
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import BUCKET_US, FINDINGS_MEASURE, Alert, AlertRule, alert_window
from server.alerts.rules import SLIDING_MINUTES, Comparator, RuleSource, ScopeKind, Window
from server.alerts.waiting import waiting_counts
from server.alerts.windows import BucketKey, ScopeKey
from server.metrics.api import local_instant_us, metric_definition
from server.org.models import Agent
from server.timefmt import from_us

RECENT_BUCKETS = 12
SCOPE_CHUNK = 400
BASELINE_WEEKS = 4
WEEK_US = 7 * 86_400_000_000
MINUTE_US = 60_000_000
OPEN, ACKNOWLEDGED, RESOLVED = "open", "acknowledged", "resolved"
RECOVERED, MANUAL, NOT_CROSSED = "recovered", "manual", "not_crossed"


@dataclass(frozen=True)
class Reading:
    """A window's value and sample size, with the baseline's mean and standard deviation when the rule uses one."""

    value: float | None
    sample_size: int
    baseline_mean: float | None = None
    baseline_sd: float | None = None


@dataclass(frozen=True)
class AlertChange:
    """An alert that was raised or changed (state, value) by an evaluation or a person."""

    kind: str
    """``raised`` or ``updated``."""
    alert_id: str


def window_bounds(window: str, end_us: int, zone: ZoneInfo) -> tuple[int, int]:
    """[start, end) of a rule's window ending at ``end_us``: the last N minutes, or since the local day or week began."""
    kind = Window(window)
    if kind in SLIDING_MINUTES:
        return end_us - SLIDING_MINUTES[kind] * MINUTE_US, end_us
    day = from_us(end_us - 1, zone).date()
    if kind is Window.WEEK:
        day -= timedelta(days=day.weekday())
    return local_instant_us(day, zone), end_us


class WindowSums:
    """The window state of the scopes one evaluation looks at, read once for every window and baseline it needs."""

    def __init__(self) -> None:
        self.rows: dict[ScopeKey, list[tuple[int, dict[str, int]]]] = {}

    async def load(self, session: AsyncSession, scopes: set[ScopeKey], ranges: set[tuple[int, int]], measures: set[str]) -> None:
        merged: list[list[int]] = []
        for start_us, end_us in sorted(ranges):
            if merged and start_us <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end_us)
            else:
                merged.append([start_us, end_us])
        names = sorted(measures)
        bucket = alert_window.c.bucket_us
        in_ranges = or_(*[and_(bucket >= low, bucket < high) for low, high in merged])
        ordered = sorted(scopes)
        for start in range(0, len(ordered), SCOPE_CHUNK):
            chunk = ordered[start:start + SCOPE_CHUNK]
            statement = select(alert_window.c.scope_kind, alert_window.c.scope_id, bucket, *[alert_window.c[name] for name in names]).where(
                tuple_(alert_window.c.scope_kind, alert_window.c.scope_id).in_(chunk), in_ranges,
            )
            for row in (await session.execute(statement)).all():
                self.rows.setdefault((row[0], row[1]), []).append((row[2], dict(zip(names, row[3:], strict=True))))

    def sums(self, scope: ScopeKey, start_us: int, end_us: int, measures: Sequence[str]) -> dict[str, int]:
        totals = dict.fromkeys(measures, 0)
        for bucket_us, values in self.rows.get(scope, ()):
            if start_us <= bucket_us < end_us:
                for name in measures:
                    totals[name] += int(values[name])
        return totals


def measures_of(rule: AlertRule) -> tuple[str, ...]:
    """The window measures a rule's value is computed from."""
    if rule.source == RuleSource.COMPLIANCE_FINDING:
        return (FINDINGS_MEASURE,)
    return tuple(metric_definition(rule.metric_key or "").computation.measures)


def value_of(rule: AlertRule, sums: dict[str, int]) -> tuple[float | None, int]:
    """The rule's value and sample size from a window's sums."""
    if rule.source == RuleSource.COMPLIANCE_FINDING:
        return float(sums[FINDINGS_MEASURE]), sums[FINDINGS_MEASURE]
    found = metric_definition(rule.metric_key or "").computation.evaluate(sums, {})
    return (None if found.value is None else float(found.value)), found.sample_size


def window_ranges(rule: AlertRule, start_us: int, end_us: int) -> list[tuple[int, int]]:
    """The window, then for a baseline rule the same window in each of the previous weeks."""
    weeks = BASELINE_WEEKS if rule.deviations is not None else 0
    return [(start_us - week * WEEK_US, end_us - week * WEEK_US) for week in range(weeks + 1)]


def read_window(state: WindowSums, rule: AlertRule, scope: ScopeKey, start_us: int, end_us: int) -> Reading:
    """The rule's value on the window, and for a baseline rule the same window in each of the previous 4 weeks."""
    measures = measures_of(rule)
    (current, *baseline) = window_ranges(rule, start_us, end_us)
    value, sample = value_of(rule, state.sums(scope, *current, measures))
    if rule.deviations is None:
        return Reading(value, sample)
    past = []
    for earlier_start, earlier_end in baseline:
        earlier, earlier_sample = value_of(rule, state.sums(scope, earlier_start, earlier_end, measures))
        if earlier is not None and earlier_sample >= rule.min_sample:
            past.append(earlier)
    if len(past) < 2:
        return Reading(value, sample)
    return Reading(value, sample, statistics.fmean(past), statistics.stdev(past))


def _signed_distance(rule: AlertRule, reading: Reading) -> float | None:
    """How far past the line the value is, in the rule's units (positive: on the alerting side)."""
    if reading.value is None or reading.sample_size < rule.min_sample:
        return None
    if rule.source == RuleSource.CONVERSATION_WAITING:
        return reading.value - 0.5  # one conversation waiting too long is enough; none clears it
    sign = 1.0 if rule.comparator == Comparator.ABOVE else -1.0
    if rule.deviations is None:
        assert rule.threshold is not None
        return sign * (reading.value - rule.threshold)
    if reading.baseline_mean is None or not reading.baseline_sd:
        return None
    return sign * (reading.value - reading.baseline_mean) / reading.baseline_sd - rule.deviations


def crosses(rule: AlertRule, reading: Reading) -> bool | None:
    """True past the line, False short of it, None when the window cannot decide (sample too small, no baseline)."""
    distance = _signed_distance(rule, reading)
    return None if distance is None else distance > 0


def recovered(rule: AlertRule, reading: Reading) -> bool:
    """Back past the line by at least the hysteresis."""
    distance = _signed_distance(rule, reading)
    return distance is not None and distance <= -rule.hysteresis


def _insert(session: AsyncSession):  # noqa: ANN202  (the dialect's insert with ON CONFLICT)
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


class Evaluator:
    """One evaluation pass in one session: the rules, and the alerts it raised or changed."""

    def __init__(self, session: AsyncSession, zone: ZoneInfo, now_us: int) -> None:
        self.session = session
        self.zone = zone
        self.now_us = now_us
        self.changes: list[AlertChange] = []
        self.windows = WindowSums()
        self.alerts: dict[tuple[str, str, str], list[Alert]] = defaultdict(list)
        self.teams: dict[str, str] = {}
        self.noted: dict[str, Alert] = {}

    async def rules(self) -> list[AlertRule]:
        found = await self.session.execute(
            select(AlertRule).where(col(AlertRule.enabled).is_(True), col(AlertRule.deleted).is_(False)).order_by(col(AlertRule.rule_id))
        )
        return list(found.scalars())

    async def evaluate(self, touched: list[BucketKey]) -> list[AlertChange]:
        """Evaluate every rule on the windows ``touched`` buckets move (flush only)."""
        by_scope: dict[ScopeKey, set[int]] = defaultdict(set)
        for kind, value, bucket in touched:
            by_scope[(kind, value)].add(bucket)
        rules = await self.rules()
        await self.evaluate_waiting([rule for rule in rules if rule.source == RuleSource.CONVERSATION_WAITING])
        work = [
            (rule, scope, buckets) for scope, buckets in sorted(by_scope.items())
            for rule in rules if rule.scope_kind == scope[0] and rule.scope_id in (None, scope[1])
            and rule.source != RuleSource.CONVERSATION_WAITING
        ]
        if not work:
            await self.flush_values()
            return self.changes
        await self._load_alerts(work)
        plan = [(rule, scope, self._ends(rule, scope, buckets)) for rule, scope, buckets in work]
        ranges = {
            span for rule, _scope, ends in plan for end_us in ends
            for span in window_ranges(rule, *window_bounds(rule.window, end_us, self.zone))
        }
        await self.windows.load(self.session, {scope for _rule, scope, _ in plan}, ranges, {name for rule, _, _ in plan for name in measures_of(rule)})
        await self._load_teams({scope[1] for _rule, scope, _ in plan if scope[0] == ScopeKind.AGENT})
        for rule, scope, ends in plan:
            for end_us in ends:
                await self.step(rule, scope, end_us)
        await self.flush_values()
        return self.changes

    async def evaluate_waiting(self, rules: list[AlertRule]) -> None:
        """Each waiting rule, now: raise where a conversation waits longer than its minutes, clear where none does."""
        end_us = self.now_us - self.now_us % BUCKET_US + BUCKET_US
        for rule in rules:
            assert rule.threshold is not None
            counts = await waiting_counts(self.session, rule.scope_kind, self.now_us - int(rule.threshold * MINUTE_US))
            unresolved = (await self.session.execute(
                select(Alert).where(col(Alert.rule_id) == rule.rule_id, col(Alert.state) != RESOLVED)
            )).scalars().all()
            for alert in unresolved:
                self.alerts[(alert.rule_id, alert.scope_kind, alert.scope_id)].append(alert)
            scopes = {scope for scope, count in counts.items() if count} | {(alert.scope_kind, alert.scope_id) for alert in unresolved}
            for scope in sorted(scopes):
                if rule.scope_id not in (None, scope[1]):
                    continue
                count = counts.get(scope, 0)
                reading = Reading(float(count), max(count, rule.min_sample))
                active = self._alert(rule, scope, lambda alert: alert.state != RESOLVED)
                if active is not None:
                    if recovered(rule, reading):
                        await self.resolve(active, RECOVERED, reading, end_us)
                    elif end_us >= active.window_end_us:
                        await self.note_value(active, reading, end_us)
                elif crosses(rule, reading) and not self._cooling(rule, scope, end_us):
                    await self.raise_alert(rule, scope, end_us - int(rule.threshold * MINUTE_US), end_us, reading)

    async def _load_alerts(self, work: list[tuple[AlertRule, ScopeKey, set[int]]]) -> None:
        """The unresolved alerts of the touched rules and scopes, and those recent enough to matter for a cool-down."""
        scopes = sorted({scope for _rule, scope, _ in work})
        horizon = min(min(buckets) for _rule, _scope, buckets in work) - max(rule.cooldown_minutes for rule, _, _ in work) * MINUTE_US - WEEK_US
        rule_ids = sorted({rule.rule_id for rule, _, _ in work})
        for start in range(0, len(scopes), SCOPE_CHUNK):
            statement = select(Alert).where(
                col(Alert.rule_id).in_(rule_ids),
                tuple_(col(Alert.scope_kind), col(Alert.scope_id)).in_(scopes[start:start + SCOPE_CHUNK]),
                or_(col(Alert.state) != RESOLVED, col(Alert.window_end_us) >= horizon),
            )
            for alert in (await self.session.execute(statement)).scalars():
                self.alerts[(alert.rule_id, alert.scope_kind, alert.scope_id)].append(alert)

    async def _load_teams(self, agent_ids: set[str]) -> None:
        ordered = sorted(agent_ids)
        for start in range(0, len(ordered), SCOPE_CHUNK):
            statement = select(col(Agent.agent_id), col(Agent.team_id)).where(col(Agent.agent_id).in_(ordered[start:start + SCOPE_CHUNK]))
            self.teams.update({agent: team for agent, team in (await self.session.execute(statement)).all()})

    def _ends(self, rule: AlertRule, scope: ScopeKey, buckets: set[int]) -> list[int]:
        """Ends of the windows to evaluate: at the newest touched buckets, and of the unresolved alerts they fall into."""
        ends = {bucket + BUCKET_US for bucket in sorted(buckets)[-RECENT_BUCKETS:]}
        low, high = min(buckets), max(buckets) + BUCKET_US
        ends.update(
            alert.window_end_us for alert in self.alerts[(rule.rule_id, *scope)]
            if alert.state != RESOLVED and alert.window_end_us > low and alert.window_start_us < high
        )
        return sorted(ends)

    def _alert(self, rule: AlertRule, scope: ScopeKey, matches: Callable[[Alert], bool]) -> Alert | None:
        found = [alert for alert in self.alerts[(rule.rule_id, *scope)] if matches(alert)]
        return max(found, key=lambda alert: alert.window_end_us) if found else None

    async def step(self, rule: AlertRule, scope: ScopeKey, end_us: int) -> None:
        start_us, end_us = window_bounds(rule.window, end_us, self.zone)
        reading = read_window(self.windows, rule, scope, start_us, end_us)
        own = self._alert(rule, scope, lambda alert: alert.window_end_us == end_us)
        if own is not None:
            if own.state != RESOLVED:
                if crosses(rule, reading) is False:
                    await self.resolve(own, NOT_CROSSED, reading, end_us)
                elif reading.value != own.last_value and own.last_window_end_us == end_us:
                    await self.note_value(own, reading, end_us)
            return
        active = self._alert(rule, scope, lambda alert: alert.state != RESOLVED)
        if active is not None:
            if end_us > active.last_window_end_us or (end_us == active.last_window_end_us and reading.value != active.last_value):
                if recovered(rule, reading):
                    await self.resolve(active, RECOVERED, reading, end_us)
                elif end_us >= active.window_end_us:
                    await self.note_value(active, reading, end_us)
            return
        if crosses(rule, reading) and not self._cooling(rule, scope, end_us):
            await self.raise_alert(rule, scope, start_us, end_us, reading)

    def _cooling(self, rule: AlertRule, scope: ScopeKey, end_us: int) -> bool:
        if rule.cooldown_minutes <= 0:
            return False
        since = end_us - rule.cooldown_minutes * MINUTE_US
        return self._alert(rule, scope, lambda alert: since < alert.window_end_us <= end_us) is not None

    def _team_of(self, scope: ScopeKey) -> tuple[str | None, str | None]:
        if scope[0] == ScopeKind.TEAM:
            return scope[1], None
        if scope[0] == ScopeKind.AGENT:
            return self.teams.get(scope[1]), scope[1]
        return None, None

    async def raise_alert(self, rule: AlertRule, scope: ScopeKey, start_us: int, end_us: int, reading: Reading) -> None:
        team_id, agent_id = self._team_of(scope)
        alert_id = uuid.uuid4().hex
        values: dict[str, Any] = {
            "alert_id": alert_id, "rule_id": rule.rule_id, "scope_kind": scope[0], "scope_id": scope[1],
            "team_id": team_id, "agent_id": agent_id, "window_start_us": start_us, "window_end_us": end_us,
            "state": OPEN, "severity": rule.severity, "value": reading.value, "threshold": rule.threshold,
            "baseline_mean": reading.baseline_mean, "baseline_sd": reading.baseline_sd, "sample_size": reading.sample_size,
            "last_value": reading.value, "last_window_end_us": end_us,
            "raised_at_us": self.now_us, "updated_at_us": self.now_us, "notes": "[]",
        }
        statement = _insert(self.session)(Alert.__table__).values(values).on_conflict_do_nothing().returning(Alert.__table__.c.alert_id)  # type: ignore[attr-defined]
        if (await self.session.execute(statement)).first() is not None:  # None: another process raised it first
            self.changes.append(AlertChange("raised", alert_id))
            self.alerts[(rule.rule_id, *scope)].append(Alert(**values))

    async def note_value(self, alert: Alert, reading: Reading, end_us: int) -> None:
        """Remember the latest value of an unresolved alert (written in one statement by ``flush_values``)."""
        if alert.last_value == reading.value and alert.last_window_end_us == end_us:
            return
        alert.last_value, alert.last_window_end_us, alert.updated_at_us = reading.value, end_us, self.now_us
        self.noted[alert.alert_id] = alert

    async def flush_values(self) -> None:
        if self.noted:
            rows = [
                {"alert_id": alert.alert_id, "last_value": alert.last_value, "last_window_end_us": alert.last_window_end_us,
                 "updated_at_us": alert.updated_at_us}
                for alert in self.noted.values() if alert.state != RESOLVED
            ]
            if rows:
                await self.session.execute(update(Alert), rows)
            self.noted.clear()

    async def resolve(self, alert: Alert, resolution: str, reading: Reading, end_us: int) -> None:
        await self.session.execute(
            update(Alert).where(col(Alert.alert_id) == alert.alert_id, col(Alert.state) != RESOLVED).values(
                state=RESOLVED, resolution=resolution, resolved_at_us=self.now_us, updated_at_us=self.now_us,
                last_value=reading.value, last_window_end_us=max(end_us, alert.last_window_end_us),
            )
        )
        alert.state = RESOLVED
        self.changes.append(AlertChange("updated", alert.alert_id))

