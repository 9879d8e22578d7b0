"""Every table the feature list declares, on one metadata (Alembic's target, the tests').

A table defined by a module but declared by no feature is an error: Alembic would
otherwise create or drop it behind the feature list's back.
"""

from collections.abc import Sequence

from sqlalchemy import MetaData, Table
from sqlmodel import SQLModel

import server.metadata  # noqa: F401  (naming convention before any table)
from server.features import FEATURES
from server.kernel.feature import Feature


def table_of(declared: object) -> Table:
    """The ``Table`` of a declared SQLModel class or ``Table``."""
    table = declared if isinstance(declared, Table) else getattr(declared, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{declared!r} is neither a Table nor a table class")
    return table


def declared_tables(features: Sequence[Feature]) -> list[Table]:
    """The tables of ``features``, in list order."""
    return [table_of(declared) for feature in features for declared in feature.table_parts()]


def feature_metadata(features: Sequence[Feature]) -> MetaData:
    """The metadata holding exactly the tables of ``features`` (``SQLModel.metadata``)."""
    tables = declared_tables(features)
    names = [table.name for table in tables]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"tables declared twice: {duplicates}")
    foreign = sorted(table.name for table in tables if table.metadata is not SQLModel.metadata)
    if foreign:
        raise ValueError(f"tables not on SQLModel.metadata: {foreign}")
    undeclared = sorted(set(SQLModel.metadata.tables) - set(names))
    if undeclared:
        raise ValueError(f"tables no feature declares: {undeclared}")
    return SQLModel.metadata


metadata = feature_metadata(FEATURES)
