"""One feature's declaration: everything it adds to the API, the worker, the CLI, the database and the policy.

A feature package declares one ``Feature`` in its ``module.py``; ``server/features.py``
lists them in order, and the schema, the worker registry, the CLI, Alembic's metadata,
the ingestion hooks and the policy's record types are all built from that list.
Nothing registers itself by being imported.

A declaration names its heavy parts by ``Ref("module:attribute")``: importing the
feature list costs nothing until a part is used, so ``coachloop --help`` or ``coachloop
token`` never load the GraphQL schema, the database layer, Temporal or SciPy. The
builders read parts through the accessors below, which import them on first use.
"""

import argparse
import importlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the hook contract belongs to ingestion; a declaration only carries it
    from server.config import Settings
    from server.ingestion.hooks import BatchHook, DeferredUpkeep
    from server.kernel.relay import NodeType


@dataclass(frozen=True)
class Ref:
    """A part named ``"package.module:attribute"``, imported when it is first used."""

    path: str

    def load(self) -> Any:
        module, separator, attribute = self.path.partition(":")
        if not separator:
            raise ValueError(f"a Ref names module:attribute, not {self.path!r}")
        return getattr(importlib.import_module(module), attribute)


def resolve(value: Any) -> Any:
    """``value``, or what it names when it is a ``Ref``."""
    return value.load() if isinstance(value, Ref) else value


def resolve_all(value: Any) -> tuple[Any, ...]:
    """A declared tuple of parts (or a ``Ref`` to one), each part resolved."""
    return tuple(resolve(item) for item in resolve(value))

CliRegistrar = Callable[["argparse._SubParsersAction[Any]"], None]  # noqa: SLF001  (argparse names no public type for it)
"""Adds a feature's sub-commands to ``coachloop``."""


IntentHandler = Callable[[Mapping[str, Any], "Settings"], Awaitable[None]]
"""Does what an intent asks (its payload); must be idempotent: a crash after it ran and before the commit runs it again."""


@dataclass(frozen=True)
class IntentKind:
    """A kind of durable intent a feature writes, and the handler that completes it."""

    name: str
    handler: "IntentHandler | Ref"

    def resolved_handler(self) -> IntentHandler:
        return resolve(self.handler)


@dataclass(frozen=True)
class ScopedRecord:
    """A record type whose rows are scoped per role: a policy ``p`` rule on it names one of ``scopes``."""

    name: str
    action: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class DeclaredHook:
    """A batch hook as a feature declares it, with its deferred upkeep when its work may wait (either may be a ``Ref``)."""

    name: str
    hook: "BatchHook | Ref"
    upkeep: "DeferredUpkeep | Ref | None" = None

    def resolved(self) -> "DeclaredHook":
        """This declaration with its hook and upkeep imported."""
        return DeclaredHook(self.name, resolve(self.hook), resolve(self.upkeep))


@dataclass(frozen=True)
class Listener:
    """A feature's reaction to a domain event another feature publishes (``server.kernel.domain_events.publish``).

    ``handler(session, event)`` runs inside the publisher's transaction: what it writes
    commits or rolls back with the change it reacts to. Handlers must be idempotent, since
    a retried activity publishes again.
    """

    topic: str
    handler: "Any | Ref"

    def resolved_handler(self) -> Any:
        return resolve(self.handler)


Part = Any
"""A declared part: the object itself, or a ``Ref`` naming it."""


@dataclass(frozen=True)
class Feature:
    """What one feature contributes; every field is optional but the name. Parts may be ``Ref``s."""

    name: str
    query: Part = None
    mutation: Part = None
    subscription: Part = None
    tables: Part = ()
    """SQLModel table classes or SQLAlchemy ``Table`` objects, all on ``SQLModel.metadata``."""
    hooks: Part = ()
    """Ingestion batch hooks (``DeclaredHook``), called in this order (and in the order of the feature list)."""
    workflows: Part = ()
    activity_classes: Part = ()
    """Classes built with ``(sessionmaker=..., settings=...)`` whose ``@activity.defn`` methods the worker runs."""
    cli: tuple[CliRegistrar, ...] = ()
    """Registrars of sub-commands; they live in light modules and name their handlers by ``Ref``."""
    scoped_records: tuple[ScopedRecord, ...] = ()
    intent_kinds: tuple[IntentKind, ...] = ()
    """Kinds of work written as intents in a transaction and completed after it commits."""
    listeners: tuple[Listener, ...] = ()
    """Reactions to other features' domain events, run in the publisher's transaction."""
    nodes: Part = ()
    """Types ``node(id:)`` resolves (``NodeType``), each with the look-up that applies its visibility rules."""

    def query_type(self) -> type | None:
        return resolve(self.query)

    def mutation_type(self) -> type | None:
        return resolve(self.mutation)

    def subscription_type(self) -> type | None:
        return resolve(self.subscription)

    def table_parts(self) -> tuple[Any, ...]:
        return resolve_all(self.tables)

    def hook_parts(self) -> tuple[DeclaredHook, ...]:
        return tuple(declared.resolved() for declared in resolve_all(self.hooks))

    def workflow_parts(self) -> tuple[type, ...]:
        return resolve_all(self.workflows)

    def activity_class_parts(self) -> tuple[Any, ...]:
        return resolve_all(self.activity_classes)

    def node_parts(self) -> tuple["NodeType", ...]:
        return resolve_all(self.nodes)
