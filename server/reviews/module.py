"""Quality review assignments."""

from server.kernel.feature import Feature, Ref, ScopedRecord

FEATURE = Feature(
    name="reviews",
    query=Ref("server.reviews.queries:ReviewQuery"),
    mutation=Ref("server.reviews.mutations:ReviewMutation"),
    tables=(Ref("server.reviews.models:ReviewAssignment"),),
    scoped_records=(
        ScopedRecord("ReviewAssignment", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("ReviewAssignment", "write", frozenset({"all", "team"})),
    ),
    nodes=Ref("server.reviews.nodes:NODE_TYPES"),
)
