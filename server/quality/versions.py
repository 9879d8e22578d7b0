"""Rule-set and scorecard versions: the defaults of ``policies/qa-rules.yaml`` are version 1, each save a new version."""

from dataclasses import dataclass

import yaml
from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.quality.models import QaRuleSet, QaScorecard
from server.quality.rules import RuleSet, default_rules_text, parse_rules
from server.quality.scorecard import Scorecard, default_scorecard_definition, parse_scorecard, scorecard_json

DEFAULT_SCORECARD_ID = "default"
SYSTEM = "system"


@dataclass(frozen=True)
class RuleVersion:
    version: int
    rules: RuleSet
    row: QaRuleSet


@dataclass(frozen=True)
class ScorecardVersion:
    scorecard_id: str
    version: int
    card: Scorecard
    row: QaScorecard


def _default_rules_row(now_us: int) -> QaRuleSet:
    return QaRuleSet(version=1, source=default_rules_text(), note="policies/qa-rules.yaml", created_by=SYSTEM, created_at_us=now_us)


async def current_rules(session: AsyncSession, *, now_us: int, store: bool = True) -> RuleVersion:
    """The latest saved rules; the shipped defaults as version 1 when none are (saved unless ``store`` is False)."""
    row = (await session.execute(select(QaRuleSet).order_by(QaRuleSet.version.desc()).limit(1))).scalar_one_or_none()
    if row is None:
        row = _default_rules_row(now_us)
        if store:
            session.add(row)
            await session.flush()
    return RuleVersion(row.version, parse_rules(row.source), row)


async def save_rules(session: AsyncSession, source: str, *, note: str | None, by: str, now_us: int) -> RuleVersion:
    """Parse (RuleError when a rule is wrong) and store ``source`` as the next version."""
    rules = parse_rules(source)
    await current_rules(session, now_us=now_us)
    latest = (await session.execute(select(func.max(QaRuleSet.version)))).scalar_one()
    row = QaRuleSet(version=latest + 1, source=source, note=note, created_by=by, created_at_us=now_us)
    session.add(row)
    await session.flush()
    return RuleVersion(row.version, rules, row)


async def rule_versions(session: AsyncSession) -> list[QaRuleSet]:
    """Every saved rule version, newest first."""
    return list((await session.execute(select(QaRuleSet).order_by(QaRuleSet.version.desc()))).scalars())


def _scorecard_version(row: QaScorecard) -> ScorecardVersion:
    return ScorecardVersion(row.scorecard_id, row.version, parse_scorecard(yaml.safe_load(row.definition)), row)


def _default_scorecard_row(now_us: int) -> QaScorecard:
    definition = default_scorecard_definition()
    card = parse_scorecard(definition)
    return QaScorecard(
        scorecard_id=DEFAULT_SCORECARD_ID, version=1, name_zh=card.name_zh, name_en=card.name_en,
        definition=scorecard_json(definition), pass_score=card.pass_score, created_by=SYSTEM, created_at_us=now_us,
    )


async def ensure_default_scorecard(session: AsyncSession, *, now_us: int) -> None:
    """Store the default scorecard as version 1 when it is not stored."""
    stored = select(func.count()).select_from(QaScorecard).where(QaScorecard.scorecard_id == DEFAULT_SCORECARD_ID)
    if (await session.execute(stored)).scalar_one():
        return
    session.add(_default_scorecard_row(now_us))
    await session.flush()


async def scorecard_version(session: AsyncSession, scorecard_id: str, version: int | None = None) -> ScorecardVersion | None:
    """A scorecard at ``version`` (default: its latest)."""
    statement = select(QaScorecard).where(QaScorecard.scorecard_id == scorecard_id)
    if version is not None:
        statement = statement.where(QaScorecard.version == version)
    row = (await session.execute(statement.order_by(QaScorecard.version.desc()).limit(1))).scalar_one_or_none()
    return _scorecard_version(row) if row is not None else None


async def latest_scorecards(session: AsyncSession, *, now_us: int) -> list[ScorecardVersion]:
    """The latest version of every scorecard, by id (the shipped default as version 1 while it is not stored)."""
    latest = (
        select(QaScorecard.scorecard_id, func.max(QaScorecard.version).label("version"))
        .group_by(QaScorecard.scorecard_id).subquery()
    )
    statement = select(QaScorecard).join(
        latest, (QaScorecard.scorecard_id == latest.c.scorecard_id) & (QaScorecard.version == latest.c.version)
    ).order_by(QaScorecard.scorecard_id)
    found = [_scorecard_version(row) for row in (await session.execute(statement)).scalars()]
    if all(version.scorecard_id != DEFAULT_SCORECARD_ID for version in found):
        found = sorted([*found, _scorecard_version(_default_scorecard_row(now_us))], key=lambda v: v.scorecard_id)
    return found


async def save_scorecard(
    session: AsyncSession, scorecard_id: str, definition: dict, *, by: str, now_us: int, create: bool
) -> ScorecardVersion:
    """Store a new scorecard (``create``) or its next version; RuleError when the definition is wrong."""
    card = parse_scorecard(definition)
    await ensure_default_scorecard(session, now_us=now_us)
    latest = await scorecard_version(session, scorecard_id)
    if create and latest is not None:
        raise ValueError(f"scorecard {scorecard_id} exists")
    if not create and latest is None:
        raise LookupError(f"scorecard {scorecard_id} does not exist")
    row = QaScorecard(
        scorecard_id=scorecard_id, version=1 if latest is None else latest.version + 1, name_zh=card.name_zh,
        name_en=card.name_en, definition=scorecard_json(definition), pass_score=card.pass_score,
        created_by=by, created_at_us=now_us,
    )
    session.add(row)
    await session.flush()
    return ScorecardVersion(scorecard_id, row.version, card, row)
