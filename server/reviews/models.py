"""Who reviews which conversation: the scope of the qa_reviewer role."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlmodel import SQLModel

from server.columns import id_field, instant_field


class ReviewAssignment(SQLModel, table=True):
    """A conversation assigned to a reviewer for quality review."""

    __tablename__ = "review_assignment"

    reviewer_id: str = id_field(primary_key=True)
    conversation_id: str = id_field(primary_key=True, index=True)
    assigned_by: str = id_field()
    assigned_at_us: int = instant_field()
