"""The kinds of notification: one place names each, says whether it is urgent (ignores quiet hours) and what it means."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    name: str
    urgent: bool
    description: str


KINDS: dict[str, NotificationKind] = {
    kind.name: kind
    for kind in (
        NotificationKind("task.overdue", False, "A coaching task is past its due date."),
        NotificationKind("task.reminder", False, "A coaching task of yours is due within a day."),
        NotificationKind("plan.assigned", False, "A coaching plan with its tasks was assigned to you."),
        NotificationKind("goal.drifted", False, "A goal's metric moved away from its target."),
        NotificationKind("goal.achieved", False, "A goal reached its target."),
        NotificationKind("qa.finding", False, "A quality inspection found something to look at."),
        NotificationKind("qa.dispute", False, "An agent disputes a QA finding; someone must arbitrate."),
        NotificationKind("alert.raised", True, "An alert rule fired for a team."),
        NotificationKind("directory.changed", False, "Your roles or teams in the directory changed."),
        NotificationKind("plan.evaluated", False, "A coaching plan ended and was evaluated: did it work?"),
        NotificationKind("review.ready", False, "A team's periodic review is ready to read."),
    )
}


def kind_named(name: str) -> NotificationKind:
    """The kind ``name``; ValueError for a kind nobody declared."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown notification kind {name!r}") from None
