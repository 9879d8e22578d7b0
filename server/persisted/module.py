"""Persisted queries: the persisted_query table, admins' GraphQL fields and ``coachloop persisted-queries``."""

from server.kernel.feature import Feature
from server.persisted.cli import register_cli
from server.persisted.models import PersistedQuery
from server.persisted.mutations import PersistedQueriesMutation
from server.persisted.queries import PersistedQueriesQuery

FEATURE = Feature(
    name="persisted",
    query=PersistedQueriesQuery,
    mutation=PersistedQueriesMutation,
    tables=(PersistedQuery,),
    cli=(register_cli,),
)
