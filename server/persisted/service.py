"""Registering, removing and reading persisted documents; hashes are hex SHA-256 of the document's UTF-8 text."""

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from graphql import GraphQLSyntaxError, OperationDefinitionNode, parse
from sqlmodel.ext.asyncio.session import AsyncSession

from server.persisted.models import PersistedQuery
from server.persisted.repository import PersistedQueryRepository
from server.timefmt import now_us


class RegistrationProblem(StrEnum):
    """Why a document could not be registered or removed."""

    INVALID_DOCUMENT = "INVALID_DOCUMENT"
    HASH_MISMATCH = "HASH_MISMATCH"
    NOT_FOUND = "NOT_FOUND"


@dataclass(frozen=True)
class Refusal:
    """A registration problem, the input field it concerns and a message for people."""

    field: str
    message: str
    problem: RegistrationProblem


def document_hash(document: str) -> str:
    """The APQ hash of a document: hex SHA-256 of its UTF-8 text, exactly as sent."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def operation_name(document: str) -> str | None:
    """The name of the document's operation when it has exactly one named operation (raises GraphQLSyntaxError)."""
    names = [node.name.value if node.name else None for node in parse(document).definitions if isinstance(node, OperationDefinitionNode)]
    return names[0] if len(names) == 1 else None


def new_row(document: str, *, allow_listed: bool, registered_by: str | None) -> PersistedQuery:
    """A row for ``document`` (its operation name read when the document parses)."""
    try:
        name = operation_name(document)
    except GraphQLSyntaxError:
        name = None
    return PersistedQuery(
        sha256_hash=document_hash(document), document=document, operation_name=name,
        allow_listed=allow_listed, created_at_us=now_us(), registered_by=registered_by,
    )


async def register(
    session: AsyncSession, document: str, *, expected_hash: str | None, registered_by: str
) -> PersistedQuery | Refusal:
    """Put ``document`` on the allow-list (storing it when new); the caller commits."""
    try:
        parse(document)
    except GraphQLSyntaxError as error:
        return Refusal("document", f"The document does not parse: {error.message}", RegistrationProblem.INVALID_DOCUMENT)
    sha256_hash = document_hash(document)
    if expected_hash is not None and expected_hash.lower() != sha256_hash:
        return Refusal("sha256Hash", f"The document's SHA-256 is {sha256_hash}.", RegistrationProblem.HASH_MISMATCH)
    repository = PersistedQueryRepository(session)
    row = await repository.get(sha256_hash)
    if row is None:
        row = new_row(document, allow_listed=True, registered_by=registered_by)
        session.add(row)
    else:
        row.allow_listed = True
        row.registered_by = registered_by
    await session.flush()
    return row


async def remove(session: AsyncSession, sha256_hash: str) -> PersistedQuery | Refusal:
    """Remove a stored document (allow-listed or automatic); the caller commits."""
    repository = PersistedQueryRepository(session)
    row = await repository.get(sha256_hash.lower())
    if row is None:
        return Refusal("sha256Hash", "No persisted query has this hash.", RegistrationProblem.NOT_FOUND)
    await repository.delete(row)
    return row
