"""Reads and writes of the stored policy changes."""

from sqlalchemy import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.models import PolicyOverride, PolicyRevision
from server.authz.policy import PolicyRule

REVISION_ROW = 1
GRANT = "grant"
REVOKE = "revoke"


class PolicyRepository:
    """The policy overrides and the revision counter."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def revision(self) -> int:
        found = await self.session.execute(select(PolicyRevision.revision).where(PolicyRevision.id == REVISION_ROW))
        return found.scalar_one_or_none() or 0

    async def overrides(self) -> list[PolicyOverride]:
        found = await self.session.execute(select(PolicyOverride).order_by(PolicyOverride.changed_at_us))
        return list(found.scalars().all())

    async def save(self, rule: PolicyRule, *, effect: str, changed_by: str, changed_at_us: int) -> int:
        """Record ``effect`` for ``rule`` and bump the revision; returns the new revision."""
        key = (rule.kind, rule.subject, rule.object, rule.action, rule.scope)
        existing = await self.session.get(PolicyOverride, key)
        if existing is None:
            self.session.add(
                PolicyOverride(
                    kind=rule.kind, subject=rule.subject, object=rule.object, action=rule.action,
                    scope=rule.scope, effect=effect, changed_by=changed_by, changed_at_us=changed_at_us,
                )
            )
        else:
            existing.effect = effect
            existing.changed_by = changed_by
            existing.changed_at_us = changed_at_us
        bumped = await self.session.execute(
            update(PolicyRevision)
            .where(PolicyRevision.id == REVISION_ROW)
            .values(revision=PolicyRevision.revision + 1, changed_at_us=changed_at_us)
            .returning(PolicyRevision.revision)
        )
        revision = bumped.scalar_one()
        await self.session.flush()
        return revision


def apply_overrides(defaults: list[PolicyRule], overrides: list[PolicyOverride]) -> list[PolicyRule]:
    """The effective rules: the defaults, minus the revoked, plus the granted."""
    rules = set(defaults)
    for override in overrides:
        rule = PolicyRule(override.kind, override.subject, override.object, override.action, override.scope)
        if override.effect == GRANT:
            rules.add(rule)
        else:
            rules.discard(rule)
    return sorted(rules)
