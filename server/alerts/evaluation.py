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

import json
import math
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlmodel import col
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import BUCKET_US, FINDINGS_MEASURE, Alert, AlertRule
from server.alerts.rules import SLIDING_MINUTES, Comparator, RuleSource, ScopeKind, Window
from server.alerts.windows import BucketKey, ScopeKey, window_sums
from server.metrics.api import local_instant_us, metric_definition
from server.org.models import Agent
from server.timefmt import from_us

RECENT_BUCKETS = 12
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


async def _value(session: AsyncSession, rule: AlertRule, scope: ScopeKey, start_us: int, end_us: int) -> tuple[float | None, int]:
    if rule.source == RuleSource.COMPLIANCE_FINDING:
        count = (await window_sums(session, scope, start_us, end_us, (FINDINGS_MEASURE,)))[FINDINGS_MEASURE]
        return float(count), count
    computation = metric_definition(rule.metric_key or "").computation
    sums = await window_sums(session, scope, start_us, end_us, computation.measures)
    found = computation.evaluate(sums, {})
    return (None if found.value is None else float(found.value)), found.sample_size


async def read_window(session: AsyncSession, rule: AlertRule, scope: ScopeKey, start_us: int, end_us: int) -> Reading:
    """The rule's value on the window, and for a baseline rule the same window in each of the previous 4 weeks."""
    value, sample = await _value(session, rule, scope, start_us, end_us)
    if rule.deviations is None:
        return Reading(value, sample)
    past = []
    for weeks in range(1, BASELINE_WEEKS + 1):
        earlier, earlier_sample = await _value(session, rule, scope, start_us - weeks * WEEK_US, end_us - weeks * WEEK_US)
        if earlier is not None and earlier_sample >= rule.min_sample:
            past.append(earlier)
    if len(past) < 2:
        return Reading(value, sample)
    return Reading(value, sample, statistics.fmean(past), statistics.stdev(past))


def _signed_distance(rule: AlertRule, reading: Reading) -> float | None:
    """How far past the line the value is, in the rule's units (positive: on the alerting side)."""
    if reading.value is None or reading.sample_size < rule.min_sample:
        return None
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
        for scope, buckets in sorted(by_scope.items()):
            for rule in rules:
                if rule.scope_kind == scope[0] and rule.scope_id in (None, scope[1]):
                    await self.evaluate_rule(rule, scope, buckets)
        return self.changes

    async def evaluate_rule(self, rule: AlertRule, scope: ScopeKey, buckets: set[int]) -> None:
        ends = {bucket + BUCKET_US for bucket in sorted(buckets)[-RECENT_BUCKETS:]}
        low, high = min(buckets), max(buckets) + BUCKET_US
        overlapping = await self.session.execute(
            select(col(Alert.window_end_us)).where(
                col(Alert.rule_id) == rule.rule_id, col(Alert.scope_kind) == scope[0], col(Alert.scope_id) == scope[1],
                col(Alert.state) != RESOLVED, col(Alert.window_end_us) > low, col(Alert.window_start_us) < high,
            )
        )
        ends.update(overlapping.scalars())
        for end_us in sorted(ends):
            await self.step(rule, scope, end_us)

    async def _alert(self, rule: AlertRule, scope: ScopeKey, *conditions) -> Alert | None:  # noqa: ANN002
        found = await self.session.execute(
            select(Alert).where(col(Alert.rule_id) == rule.rule_id, col(Alert.scope_kind) == scope[0], col(Alert.scope_id) == scope[1], *conditions)
            .order_by(col(Alert.window_end_us).desc()).limit(1)
        )
        return found.scalars().first()

    async def step(self, rule: AlertRule, scope: ScopeKey, end_us: int) -> None:
        start_us, end_us = window_bounds(rule.window, end_us, self.zone)
        reading = await read_window(self.session, rule, scope, start_us, end_us)
        own = await self._alert(rule, scope, col(Alert.window_end_us) == end_us)
        if own is not None:
            if own.state != RESOLVED:
                if crosses(rule, reading) is False:
                    await self.resolve(own, NOT_CROSSED, reading, end_us)
                elif reading.value != own.last_value and own.last_window_end_us == end_us:
                    await self.note_value(own, reading, end_us)
            return
        active = await self._alert(rule, scope, col(Alert.state) != RESOLVED)
        if active is not None:
            if end_us > active.last_window_end_us or (end_us == active.last_window_end_us and reading.value != active.last_value):
                if recovered(rule, reading):
                    await self.resolve(active, RECOVERED, reading, end_us)
                elif end_us >= active.window_end_us:
                    await self.note_value(active, reading, end_us)
            return
        if crosses(rule, reading) and not await self._cooling(rule, scope, end_us):
            await self.raise_alert(rule, scope, start_us, end_us, reading)

    async def _cooling(self, rule: AlertRule, scope: ScopeKey, end_us: int) -> bool:
        if rule.cooldown_minutes <= 0:
            return False
        since = end_us - rule.cooldown_minutes * MINUTE_US
        return await self._alert(rule, scope, col(Alert.window_end_us) > since, col(Alert.window_end_us) <= end_us) is not None

    async def _team_of(self, scope: ScopeKey) -> tuple[str | None, str | None]:
        if scope[0] == ScopeKind.TEAM:
            return scope[1], None
        if scope[0] == ScopeKind.AGENT:
            team = (await self.session.execute(select(col(Agent.team_id)).where(col(Agent.agent_id) == scope[1]))).scalar_one_or_none()
            return team, scope[1]
        return None, None

    async def raise_alert(self, rule: AlertRule, scope: ScopeKey, start_us: int, end_us: int, reading: Reading) -> None:
        team_id, agent_id = await self._team_of(scope)
        alert_id = uuid.uuid4().hex
        values = {
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

    async def note_value(self, alert: Alert, reading: Reading, end_us: int) -> None:
        if alert.last_value == reading.value and alert.last_window_end_us == end_us:
            return
        await self.session.execute(
            update(Alert).where(col(Alert.alert_id) == alert.alert_id)
            .values(last_value=reading.value, last_window_end_us=end_us, updated_at_us=self.now_us)
        )
        alert.last_value, alert.last_window_end_us = reading.value, end_us
        self.changes.append(AlertChange("updated", alert.alert_id))

    async def resolve(self, alert: Alert, resolution: str, reading: Reading, end_us: int) -> None:
        await self.session.execute(
            update(Alert).where(col(Alert.alert_id) == alert.alert_id, col(Alert.state) != RESOLVED).values(
                state=RESOLVED, resolution=resolution, resolved_at_us=self.now_us, updated_at_us=self.now_us,
                last_value=reading.value, last_window_end_us=max(end_us, alert.last_window_end_us),
            )
        )
        alert.state = RESOLVED
        self.changes.append(AlertChange("updated", alert.alert_id))


def finite(value: float | None) -> float | None:
    """``value`` unless it is NaN or infinite (never stored)."""
    return value if value is not None and math.isfinite(value) else None


def changes_payload(changes: list[AlertChange]) -> str:
    return json.dumps([[change.kind, change.alert_id] for change in changes])
