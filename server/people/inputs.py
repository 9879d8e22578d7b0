"""From GraphQL inputs to directory records: quiet hours parsed, omitted fields kept."""

from server.errors import BadUserInput
from server.people.records import UserRecord
from server.people.types import CreateUserInput, QuietHoursInput, UpdateUserInput


def minute_of(text: str, field: str) -> int:
    hours, separator, minutes = text.partition(":")
    if separator and hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
        return int(hours) * 60 + int(minutes)
    raise BadUserInput(f"{field} must be HH:MM, got {text!r}", field=("quietHours", field))


def quiet_minutes(quiet: QuietHoursInput) -> tuple[int, int]:
    return minute_of(quiet.start, "start"), minute_of(quiet.end, "end")


def created_record(given: CreateUserInput) -> UserRecord:
    start, end = quiet_minutes(given.quiet_hours) if given.quiet_hours else (None, None)
    return UserRecord(
        user_id=given.external_id, display_name=given.display_name, email=given.email, phone=given.phone,
        language=given.language, time_zone=given.time_zone, quiet_start_minute=start, quiet_end_minute=end,
        agent_id=given.agent_id, roles=frozenset(given.roles), teams=frozenset(given.led_team_ids),
        pools=frozenset(given.reviewer_pools), source="admin",
    )


def updated_record(stored: UserRecord, given: UpdateUserInput) -> UserRecord:
    changes: dict[str, object] = {
        name: value
        for name, value in (
            ("display_name", given.display_name), ("email", given.email), ("phone", given.phone),
            ("language", given.language), ("time_zone", given.time_zone), ("agent_id", given.agent_id),
            ("active", given.active),
        )
        if value is not None
    }
    for name, values in (("roles", given.roles), ("teams", given.led_team_ids), ("pools", given.reviewer_pools)):
        if values is not None:
            changes[name] = frozenset(values)
    if given.clear_quiet_hours:
        changes.update(quiet_start_minute=None, quiet_end_minute=None)
    elif given.quiet_hours is not None:
        changes["quiet_start_minute"], changes["quiet_end_minute"] = quiet_minutes(given.quiet_hours)
    return stored.with_changes(**changes)
