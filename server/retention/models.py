"""Erased customers: kept so that a later re-import cannot bring their personal data back."""

import server.metadata  # noqa: F401  (the naming convention, before any table is defined)
from sqlmodel import SQLModel

from server.columns import id_field, instant_field


class CustomerErasure(SQLModel, table=True):
    """A customer whose personal data was erased on request."""

    __tablename__ = "customer_erasure"

    customer_id: str = id_field(primary_key=True)
    requested_by: str = id_field()
    erased_at_us: int = instant_field()
