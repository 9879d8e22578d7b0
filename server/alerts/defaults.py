"""Loading the default rules of ``policies/alert-rules.yaml`` into the database once.

A default is inserted when its id was never stored; after that the database's row is the
rule (edited, disabled or deleted through GraphQL), and the file is not read again for it.
"""

from pathlib import Path

from sqlalchemy import select
from sqlmodel import col
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from server.alerts.models import AlertRule
from server.alerts.rules import RuleSpec, default_rules

_LOADED: set[tuple[str, str]] = set()


def rule_values(rule_id: str, spec: RuleSpec, *, team_id: str | None, now_us: int, by: str | None) -> dict[str, object]:
    """The ``alert_rule`` columns of a new rule."""
    return {
        "rule_id": rule_id, "name": spec.name, "name_zh": spec.name_zh, "source": spec.source.value,
        "metric_key": spec.metric_key, "scope_kind": spec.scope_kind.value, "scope_id": spec.scope_id, "team_id": team_id,
        "window": spec.window.value, "comparator": spec.comparator.value, "threshold": spec.threshold,
        "deviations": spec.deviations, "min_sample": spec.min_sample, "severity": spec.severity.value,
        "hysteresis": spec.hysteresis, "cooldown_minutes": spec.cooldown_minutes, "enabled": spec.enabled,
        "deleted": False, "version": 1, "updated_by": by, "created_at_us": now_us, "updated_at_us": now_us,
    }


async def ensure_default_rules(session: AsyncSession, policies_dir: Path, *, now_us: int) -> None:
    """Insert the defaults never stored (once per process and database; concurrent inserts are dropped)."""
    bind = session.get_bind()
    key = (str(bind.engine.url), str(policies_dir))
    if key in _LOADED:
        return
    defaults = default_rules(policies_dir)
    stored = set((await session.execute(select(col(AlertRule.rule_id)).where(col(AlertRule.rule_id).in_(sorted(defaults))))).scalars())
    missing = [
        rule_values(rule_id, spec, team_id=spec.scope_id if spec.scope_kind == "team" else None, now_us=now_us, by=None)
        for rule_id, spec in sorted(defaults.items()) if rule_id not in stored
    ]
    if missing:
        insert = postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert
        await session.execute(insert(AlertRule.__table__).values(missing).on_conflict_do_nothing())  # type: ignore[attr-defined]
    _LOADED.add(key)
