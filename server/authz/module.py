"""Access control: the policy in force, its run-time changes, ``coachloop token``/``policy``."""

from server.authz.commands import register
from server.kernel.feature import Feature, Ref, ScopedRecord

FEATURE = Feature(
    name="authz",
    query=Ref("server.authz.queries:AuthzQuery"),
    mutation=Ref("server.authz.mutations:AuthzMutation"),
    tables=(Ref("server.authz.models:PolicyOverride"), Ref("server.authz.models:PolicyRevision")),
    cli=(register,),
    scoped_records=(
        ScopedRecord("PolicyRule", "read", frozenset({"all"})),
        ScopedRecord("PolicyRule", "write", frozenset({"all"})),
    ),
)
