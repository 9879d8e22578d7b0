"""The organisation: teams, agents and their history, customers."""

from server.kernel.feature import Feature, Ref, ScopedRecord

FEATURE = Feature(
    name="org",
    query=Ref("server.org.queries:OrgQuery"),
    tables=(
        Ref("server.org.models:Team"),
        Ref("server.org.models:Agent"),
        Ref("server.org.models:AgentMembership"),
        Ref("server.org.models:AgentStatusChange"),
        Ref("server.org.models:Customer"),
        Ref("server.org.models:CustomerPersonal"),
    ),
    scoped_records=(
        ScopedRecord("Team", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("Agent", "read", frozenset({"all", "team", "own", "assigned"})),
        ScopedRecord("Customer", "read", frozenset({"all", "team", "own", "assigned"})),
    ),
    nodes=Ref("server.org.nodes:NODE_TYPES"),
)
