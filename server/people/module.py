"""The people directory: stored users, recipient rules, ``coachloop users import``, creation on first sign-in."""

from server.kernel.feature import Feature, Ref, ScopedRecord
from server.people.commands import register

FEATURE = Feature(
    name="people",
    tables=(
        Ref("server.people.models:DirectoryUser"),
        Ref("server.people.models:UserRole"),
        Ref("server.people.models:TeamLead"),
        Ref("server.people.models:ReviewerPoolMember"),
        Ref("server.people.models:NotificationPreference"),
    ),
    cli=(register,),
    query=Ref("server.people.queries:PeopleQuery"),
    mutation=Ref("server.people.mutations:PeopleMutation"),
    scoped_records=(
        ScopedRecord("User", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("User", "write", frozenset({"all"})),
    ),
    nodes=(Ref("server.people.loaders:USER_NODE"),),
)
