"""Persisted queries: the persisted_query table, admins' GraphQL fields and ``coachloop persisted-queries``."""

from server.kernel.feature import Feature, Ref
from server.persisted.commands import register

FEATURE = Feature(
    name="persisted",
    query=Ref("server.persisted.queries:PersistedQueriesQuery"),
    mutation=Ref("server.persisted.mutations:PersistedQueriesMutation"),
    tables=(Ref("server.persisted.models:PersistedQuery"),),
    cli=(register,),
    nodes=(Ref("server.persisted.nodes:PERSISTED_QUERY_NODE"),),
)
