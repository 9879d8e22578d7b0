"""Changing the policy at run time: validated, stored over the defaults, audited, picked up by every process."""

import re
from collections.abc import Mapping

from sqlmodel.ext.asyncio.session import AsyncSession

from server.audit.service import record_event
from server.audit.trail import AuditAction
from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.authz.policy import ROW_SCOPED_OBJECTS, PolicyRule, PolicySnapshot, Scope, compile_snapshot
from server.authz.repository import GRANT, REVOKE, PolicyRepository, apply_overrides
from server.errors import BadUserInput, NotFound
from server.kernel.payloads import AlreadyExists, InvalidState
from server.timefmt import now_us

SUBJECT_NAME = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")
ADMINISTRATION = (
    ("Mutation.grantPolicy", "write", Scope.FULL),
    ("Mutation.revokePolicy", "write", Scope.FULL),
    ("Query.policyRules", "read", Scope.FULL),
    ("PolicyRule", "write", Scope.ALL),
)
"""What the admin role must keep, so no change can lock every administrator out."""


def validate_rule(rule: PolicyRule, field_objects: Mapping[str, str]) -> None:
    """BAD_USER_INPUT (naming the rule's field at fault) unless ``rule`` names a known object with a fitting action."""
    names = (("subject", rule.subject), ("joins", rule.object)) if rule.kind == "g" else (("subject", rule.subject),)
    for field, name in names:
        if not SUBJECT_NAME.match(name):
            raise BadUserInput(f"{name!r} is not a valid role or group name", field=("rule", field),
                               message_zh=f"{name!r} 不是有效的角色或组名")
    if rule.kind == "g":
        return
    if rule.kind != "p":
        raise BadUserInput("kind must be a permission or a membership", field=("rule", "kind"))
    if "." in rule.object:
        expected = field_objects.get(rule.object)
        if expected is None:
            raise BadUserInput(f"{rule.object} is not a field of the schema", field=("rule", "object"),
                               message_zh=f"{rule.object} 不是 schema 中的字段")
        if rule.action != expected:
            raise BadUserInput(f"{rule.object} takes action {expected!r}", field=("rule", "action"),
                               message_zh=f"{rule.object} 的动作应为 {expected!r}")
    elif rule.object not in ROW_SCOPED_OBJECTS:
        raise BadUserInput(f"{rule.object} is neither Type.field nor a record type", field=("rule", "object"),
                           message_zh=f"{rule.object} 既不是 Type.field 也不是记录类型")


async def change_policy(
    session: AsyncSession,
    policies: PolicyEnforcer,
    *,
    principal: Principal,
    request_id: str,
    rule: PolicyRule,
    effect: str,
    field_objects: Mapping[str, str],
) -> tuple[int, PolicySnapshot]:
    """Grant or revoke ``rule``; returns the new revision and the policy it yields (flush only)."""
    validate_rule(rule, field_objects)
    repository = PolicyRepository(session)
    current = apply_overrides(policies.defaults, await repository.overrides())
    if effect == GRANT and rule in current:
        raise AlreadyExists("the rule is already in force", field=("rule",), message_zh="该规则已生效")
    if effect == REVOKE and rule not in current:
        raise NotFound("the rule is not in force", field=("rule",), message_zh="该规则未生效")
    candidate = [*current, rule] if effect == GRANT else [existing for existing in current if existing != rule]
    try:
        snapshot = compile_snapshot(policies.policies_dir, candidate, revision=-1)
    except (ValueError, RuntimeError) as error:
        raise BadUserInput(str(error), field=("rule",)) from error
    for obj, action, scope in ADMINISTRATION:
        if scope not in snapshot.scopes(["admin"], obj, action):
            raise InvalidState(
                f"the admin role must keep {obj} {action} {scope}", field=("rule",),
                message_zh=f"admin 角色必须保留 {obj} {action} {scope}",
            )
    changed_at_us = now_us()
    revision = await repository.save(rule, effect=effect, changed_by=principal.subject, changed_at_us=changed_at_us)
    record_event(
        session,
        principal=principal,
        request_id=request_id,
        action=AuditAction.POLICY_CHANGE,
        object_type="PolicyRule",
        detail={"effect": effect, "rule": rule.casbin_line(), "revision": revision},
    )
    await session.flush()
    policies.expect_revision(revision)
    return revision, snapshot
