"""Access control: the policy in force, its run-time changes, ``coachloop token``/``policy``."""

from server.authz.cli import register
from server.authz.models import PolicyOverride, PolicyRevision
from server.authz.mutations import AuthzMutation
from server.authz.queries import AuthzQuery
from server.kernel.feature import Feature, ScopedRecord

FEATURE = Feature(
    name="authz",
    query=AuthzQuery,
    mutation=AuthzMutation,
    tables=(PolicyOverride, PolicyRevision),
    cli=(register,),
    scoped_records=(
        ScopedRecord("PolicyRule", "read", frozenset({"all"})),
        ScopedRecord("PolicyRule", "write", frozenset({"all"})),
    ),
)
