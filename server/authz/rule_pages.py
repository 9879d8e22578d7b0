"""Keyset pages of the rules in force: the policy snapshot is in memory, so its pages are cut in memory.

A cursor holds a rule's content (kind, subject, object, action, scope), the list's
total order, so a boundary stays put when rules are granted or revoked between pages.
"""

from collections.abc import Sequence

from server.authz.policy import PolicyRule
from server.errors import BadUserInput
from server.kernel.paging import Page, PageArgs, decode_cursor

RuleKey = tuple[str, str, str, str, str]


def rule_key(rule: PolicyRule) -> RuleKey:
    return (rule.kind, rule.subject, rule.object, rule.action, rule.scope)


def _cursor_key(cursor: str, name: str) -> RuleKey:
    values = decode_cursor(cursor, 5, name=name)
    if not all(isinstance(value, str) for value in values):
        raise BadUserInput(f"{name} is not a cursor of this list", field=(name,))
    return tuple(values)  # type: ignore[return-value]


def rule_page(rules: Sequence[PolicyRule], args: PageArgs) -> Page[PolicyRule]:
    """The page of ``rules`` (in any order) that ``args`` asks for, in the list's order."""
    ordered = sorted(rules, key=rule_key)
    if args.after is not None:
        after = _cursor_key(args.after, "after")
        ordered = [rule for rule in ordered if rule_key(rule) > after]
    if args.before is not None:
        before = _cursor_key(args.before, "before")
        ordered = [rule for rule in ordered if rule_key(rule) < before]
    reading = ordered if args.forward else list(reversed(ordered))
    return Page.of(args, reading[: args.size + 1], sort_key=rule_key)
