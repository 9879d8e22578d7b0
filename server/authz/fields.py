"""Field-level policy: every field of the schema is a Casbin object ``Type.field``.

``FieldPolicy`` is the one extension that decides, per field, whether the caller gets
the value, a redacted value (``masked``) or nothing (FORBIDDEN, audited). It also
records reads of individual-level records in the request's audit trail.
``GuardedSchema`` attaches it to every field of every object type, so a field
without a policy entry is denied, never open.
"""

import copy
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLObjectType
from strawberry.extensions import FieldExtension
from strawberry.types import ExecutionContext, Info
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from server.authz.authorization import FieldAccess
from server.authz.masking import Mask, mask_to_none
from server.errors import Forbidden, Unauthenticated

logger = logging.getLogger(__name__)

MUTATION_TYPE = "Mutation"


def field_action(type_name: str) -> str:
    """``write`` for Mutation fields, ``read`` for everything else."""
    return "write" if type_name == MUTATION_TYPE else "read"


class FieldPolicy(FieldExtension):
    """Allow, mask or refuse one field according to the request's policy snapshot."""

    def __init__(self, mask: Mask | None = None) -> None:
        self.mask = mask or mask_to_none
        self.object_name = ""
        self.action = "read"

    def bind(self, type_name: str, field_name: str) -> None:
        """Name the Casbin object this extension guards (done once, when the schema is built)."""
        if not self.object_name:
            self.object_name = f"{type_name}.{field_name}"
            self.action = field_action(type_name)

    def _decide(self, source: Any, info: Info) -> FieldAccess:
        context = info.context
        authorization = getattr(context, "authorization", None)
        if authorization is None:
            raise Unauthenticated("authentication required")
        access = authorization.field_access(self.object_name, self.action)
        if access is FieldAccess.DENIED:
            subject = getattr(source, "audit_subject", None)
            context.audit.denied(self.object_name, "no policy grants this field", subject)
            raise Forbidden(f"not allowed to {self.action} {self.object_name}")
        return access

    def _finish(self, access: FieldAccess, value: Any, source: Any, info: Info) -> Any:
        if access is FieldAccess.MASKED:
            return None if value is None else self.mask(value)
        subject = getattr(source, "audit_subject", None)
        if subject is not None:
            info.context.audit.read(self.object_name.partition(".")[0], subject, self.object_name)
        return value

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        access = self._decide(source, info)
        return self._finish(access, next_(source, info, **kwargs), source, info)

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        access = self._decide(source, info)
        resolved = next_(source, info, **kwargs)
        if inspect.isasyncgen(resolved):  # a subscription's event stream: its events are checked by their own fields
            return resolved
        return self._finish(access, await resolved, source, info)


def policy_field(*, description: str, mask: Mask | None = None, **options: Any) -> Any:
    """A field carrying its FieldPolicy explicitly (to declare a redaction)."""
    return strawberry.field(description=description, extensions=[FieldPolicy(mask=mask)], **options)


class GuardedSchema(strawberry.Schema):
    """A schema whose every object-type field carries a FieldPolicy (deny by default)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Debug level only: ErrorCodes logs each unexpected error once, under its correlation id."""
        for error in errors:
            logger.debug("GraphQL error at %s: %s", error.path, error.message)

    def get_fields(self, type_definition: StrawberryObjectDefinition) -> list[StrawberryField]:
        fields = super().get_fields(type_definition)
        if type_definition.is_input or type_definition.is_interface:
            return fields  # an interface's fields resolve through the object types that implement it
        # a specialised generic (Connection[Agent]) is named by the converter (AgentConnection), not its definition
        type_name = self.config.name_converter.from_object(type_definition)
        return [self._guarded(type_name, field) for field in fields]

    def _guarded(self, type_name: str, field: StrawberryField) -> StrawberryField:
        """``field`` with a FieldPolicy bound to ``Type.field``.

        A field an object type inherits (``Node.id``) is one object shared by every type
        that declares it: each type gets its own copy, so each is guarded by its own rule.
        An implicit policy (deny by default) is always added to a copy, never to the class's field.
        """
        object_name = f"{type_name}.{self.config.name_converter.get_graphql_name(field)}"
        policies = [extension for extension in field.extensions if isinstance(extension, FieldPolicy)]
        if any(policy.object_name not in ("", object_name) for policy in policies):
            field = copy.copy(field)
            field.extensions = [
                FieldPolicy(policy.mask) if isinstance(policy, FieldPolicy) else policy for policy in field.extensions
            ]
            policies = [extension for extension in field.extensions if isinstance(extension, FieldPolicy)]
        if not policies:
            # on a copy: the class's own field stays unguarded (a Payload's userErrors serves other schemas too)
            policy = FieldPolicy()
            field = copy.copy(field)
            field.extensions = [*field.extensions, policy]
            policies = [policy]
        for policy in policies:
            policy.bind(type_name, self.config.name_converter.get_graphql_name(field))
        return field


def schema_field_objects(schema: strawberry.Schema) -> dict[str, str]:
    """Every guarded field of ``schema`` as ``{"Type.field": action}``."""
    objects: dict[str, str] = {}
    for type_name, graphql_type in schema._schema.type_map.items():  # noqa: SLF001  (graphql-core schema)
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name in graphql_type.fields:
            objects[f"{type_name}.{field_name}"] = field_action(type_name)
    return objects

