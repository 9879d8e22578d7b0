"""The people directory: stored users, recipient rules, ``coachloop users import``, creation on first sign-in."""

from server.kernel.feature import Feature, ScopedRecord
from server.people.cli import register
from server.people.models import DirectoryUser, NotificationPreference, ReviewerPoolMember, TeamLead, UserRole

FEATURE = Feature(
    name="people",
    tables=(DirectoryUser, UserRole, TeamLead, ReviewerPoolMember, NotificationPreference),
    cli=(register,),
    scoped_records=(ScopedRecord("User", "read", frozenset({"all", "team", "own"})),),
)
