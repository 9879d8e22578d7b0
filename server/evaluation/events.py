"""The evaluation feature's domain events (``server.kernel.domain_events``)."""

from dataclasses import dataclass, field
from typing import Any

REVIEW_COMPILING = "coaching.review_compiling"


@dataclass(frozen=True)
class ReviewSection:
    """One section of a team review, contributed by the feature that knows its numbers (no message text, no customer data)."""

    key: str
    title_zh: str
    title_en: str
    data: dict[str, Any]


@dataclass
class ReviewCompiling:
    """A team review is being written; listeners append their ``sections`` (goal statuses, open and overdue tasks)."""

    team_id: str
    period_start_us: int
    period_end_us: int
    sections: list[ReviewSection] = field(default_factory=list)
