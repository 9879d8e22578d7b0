"""A directory user as the services see it, and the checks every way of writing one goes through."""

from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.authz.identity import ROLES

LANGUAGES = ("zh-CN", "en")
MINUTES_PER_DAY = 24 * 60
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class UserRecord:
    """Everything the directory stores about one person."""

    user_id: str
    display_name: str
    email: str | None = None
    phone: str | None = None
    language: str = "zh-CN"
    time_zone: str | None = None
    quiet_start_minute: int | None = None
    quiet_end_minute: int | None = None
    agent_id: str | None = None
    active: bool = True
    roles: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    """Teams the user leads (sub-teams follow)."""
    pools: frozenset[str] = frozenset()
    """QA reviewer pools the user belongs to."""
    source: str = "admin"
    created_at_us: int = 0
    updated_at_us: int = 0

    def with_changes(self, **changes: object) -> "UserRecord":
        return replace(self, **changes)  # type: ignore[arg-type]

    def same_content(self, other: "UserRecord") -> bool:
        """Whether two records say the same (origin and timestamps aside)."""
        return replace(self, source="", created_at_us=0, updated_at_us=0) == replace(
            other, source="", created_at_us=0, updated_at_us=0
        )


@dataclass(frozen=True)
class FieldProblem:
    """One reason a user record cannot be stored: the field, a stable code, a message."""

    field: str
    code: str
    message: str


@dataclass
class Problems:
    items: list[FieldProblem] = field(default_factory=list)

    def add(self, field_name: str, code: str, message: str) -> None:
        self.items.append(FieldProblem(field_name, code, message))


def check_user(record: UserRecord, *, known_roles: tuple[str, ...] = ROLES) -> list[FieldProblem]:
    """Every problem of ``record`` (empty when it may be stored)."""
    problems = Problems()
    if not record.user_id or len(record.user_id) > 128:
        problems.add("userId", "invalid_id", "user id must be 1–128 characters")
    if not record.display_name.strip() or len(record.display_name) > MAX_NAME_LENGTH:
        problems.add("displayName", "invalid_name", f"display name must be 1–{MAX_NAME_LENGTH} characters")
    if record.email is not None and "@" not in record.email:
        problems.add("email", "invalid_email", f"not an e-mail address: {record.email!r}")
    if record.language not in LANGUAGES:
        problems.add("language", "unknown_language", f"language must be one of {', '.join(LANGUAGES)}")
    if record.time_zone is not None and not _known_zone(record.time_zone):
        problems.add("timeZone", "unknown_time_zone", f"unknown IANA time zone {record.time_zone!r}")
    _check_quiet_hours(record, problems)
    unknown = sorted(record.roles - set(known_roles))
    if unknown:
        problems.add("roles", "unknown_role", f"unknown roles: {', '.join(unknown)}")
    for name, values in (("teams", record.teams), ("pools", record.pools)):
        if any(not value or len(value) > 128 for value in values):
            problems.add(name, "invalid_id", f"{name} must be ids of 1–128 characters")
    return problems.items


def _check_quiet_hours(record: UserRecord, problems: Problems) -> None:
    start, end = record.quiet_start_minute, record.quiet_end_minute
    if (start is None) != (end is None):
        problems.add("quietHours", "incomplete_quiet_hours", "quiet hours need both a start and an end")
    for value in (start, end):
        if value is not None and not 0 <= value < MINUTES_PER_DAY:
            problems.add("quietHours", "invalid_quiet_hours", "quiet hours are minutes 0–1439 after midnight")
            return


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
