"""One feature's declaration: everything it adds to the API, the worker, the CLI, the database and the policy.

A feature package declares one ``Feature`` in its ``module.py``; ``server/features.py``
lists them in order, and the schema, the worker registry, the CLI, Alembic's metadata,
the ingestion hooks and the policy's record types are all built from that list.
Nothing registers itself by being imported.
"""

import argparse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from server.config import Settings

if TYPE_CHECKING:  # the hook contract belongs to ingestion; a declaration only carries it
    from server.ingestion.hooks import DeclaredHook
    from server.kernel.relay import NodeType

CliRegistrar = Callable[["argparse._SubParsersAction[Any]"], None]  # noqa: SLF001  (argparse names no public type for it)
"""Adds a feature's sub-commands to ``coachloop``."""


IntentHandler = Callable[[Mapping[str, Any], Settings], Awaitable[None]]
"""Does what an intent asks (its payload); must be idempotent: a crash after it ran and before the commit runs it again."""


@dataclass(frozen=True)
class IntentKind:
    """A kind of durable intent a feature writes, and the handler that completes it."""

    name: str
    handler: IntentHandler


@dataclass(frozen=True)
class ScopedRecord:
    """A record type whose rows are scoped per role: a policy ``p`` rule on it names one of ``scopes``."""

    name: str
    action: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class Feature:
    """What one feature contributes; every field is optional but the name."""

    name: str
    query: type | None = None
    mutation: type | None = None
    subscription: type | None = None
    tables: tuple[Any, ...] = ()
    """SQLModel table classes or SQLAlchemy ``Table`` objects, all on ``SQLModel.metadata``."""
    hooks: tuple["DeclaredHook", ...] = ()
    """Ingestion batch hooks, called in this order (and in the order of the feature list)."""
    workflows: tuple[type, ...] = ()
    activity_classes: tuple[Any, ...] = ()
    """Classes built with ``(sessionmaker=..., settings=...)`` whose ``@activity.defn`` methods the worker runs."""
    cli: tuple[CliRegistrar, ...] = ()
    scoped_records: tuple[ScopedRecord, ...] = ()
    intent_kinds: tuple[IntentKind, ...] = ()
    """Kinds of work written as intents in a transaction and completed after it commits."""
    nodes: tuple["NodeType", ...] = ()
    """Types ``node(id:)`` resolves, each with the look-up that applies its visibility rules."""
