"""Quality review assignments."""

from server.kernel.feature import Feature, ScopedRecord
from server.kernel.relay import NodeType
from server.reviews.models import ReviewAssignment
from server.reviews.mutations import ReviewMutation
from server.reviews.nodes import load_review_assignment_node
from server.reviews.queries import ReviewQuery

FEATURE = Feature(
    name="reviews",
    query=ReviewQuery,
    mutation=ReviewMutation,
    tables=(ReviewAssignment,),
    scoped_records=(
        ScopedRecord("ReviewAssignment", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("ReviewAssignment", "write", frozenset({"all", "team"})),
    ),
    nodes=(NodeType("ReviewAssignment", load_review_assignment_node),),
)
