"""Documents of requests that name a persisted query (``extensions.persistedQuery``, Apollo's APQ protocol).

- ``automatic`` (default): a request with only ``{version: 1, sha256Hash}`` runs the stored
  document, or gets PERSISTED_QUERY_NOT_FOUND, upon which the client sends the document with
  its hash; a document whose hash differs is PERSISTED_QUERY_HASH_MISMATCH. A document sent
  with its hash is stored, once it parsed and validated, for every replica (the database).
- ``allowlist``: only documents an admin registered run, named by hash or sent in full;
  anything else is PERSISTED_QUERY_NOT_ALLOWED.
- ``off``: hashes are ignored; a request with a hash and no document is PERSISTED_QUERY_NOT_SUPPORTED.

As GraphQL request errors these are 200 in ``application/json`` and 400 in
``application/graphql-response+json``; a hash mismatch is 400 in both.
"""

import re
from dataclasses import replace

from strawberry.http import GraphQLRequestData

from server.api.http import RequestRefused
from server.config import Settings
from server.context import Context
from server.db import transaction
from server.errors import ErrorCode
from server.persisted.models import PersistedQuery
from server.persisted.repository import PersistedQueryRepository
from server.persisted.service import document_hash, new_row

EXTENSION = "persistedQuery"
SUPPORTED_VERSION = 1
SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


def _request_error(code: ErrorCode, message: str) -> RequestRefused:
    return RequestRefused(400, code, message, json_status=200)


def named_hash(extensions: dict[str, object] | None) -> str | None:
    """The lower-case hash ``extensions.persistedQuery`` names, None without one (400 when malformed)."""
    persisted = (extensions or {}).get(EXTENSION)
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != SUPPORTED_VERSION:
        raise RequestRefused(400, ErrorCode.BAD_REQUEST, "persistedQuery must be {version: 1, sha256Hash}.")
    sha256_hash = persisted.get("sha256Hash")
    if not isinstance(sha256_hash, str) or not SHA256_HEX.match(sha256_hash):
        raise RequestRefused(400, ErrorCode.BAD_REQUEST, "persistedQuery.sha256Hash must be 64 hexadecimal digits.")
    return sha256_hash.lower()


class PersistedDocuments:
    """Resolves and stores persisted documents in the mode ``COACHLOOP_PERSISTED_QUERIES`` sets."""

    def __init__(self, settings: Settings) -> None:
        self.mode = settings.persisted_queries

    async def resolve(self, request_data: GraphQLRequestData, context: Context) -> GraphQLRequestData:
        """The request with its document, or RequestRefused."""
        named = named_hash(request_data.extensions)
        if self.mode == "off":
            if named is not None and request_data.query is None:
                raise _request_error(ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, "Persisted queries are not supported.")
            return request_data
        if request_data.query is not None:
            actual = document_hash(request_data.query)
            if named is not None and named != actual:
                raise RequestRefused(400, ErrorCode.PERSISTED_QUERY_HASH_MISMATCH, "The document does not have the hash sent with it.")
            if self.mode == "allowlist" and not await self._allow_listed(actual, context):
                raise _request_error(ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, "This operation is not on the allow-list.")
            return request_data
        if named is None:
            return request_data
        row = await self._stored(named, context)
        if self.mode == "allowlist" and (row is None or not row.allow_listed):
            raise _request_error(ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, "This operation is not on the allow-list.")
        if row is None:
            raise _request_error(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound")
        return replace(request_data, query=row.document)

    async def remember(self, request_data: GraphQLRequestData, context: Context) -> None:
        """Store a document sent with its hash (automatic mode), once it parsed and validated."""
        if self.mode != "automatic" or request_data.query is None or named_hash(request_data.extensions) is None:
            return
        async with transaction(context.sessionmaker) as session:
            await PersistedQueryRepository(session).add_if_absent(
                new_row(request_data.query, allow_listed=False, registered_by=None)
            )

    @staticmethod
    async def _stored(sha256_hash: str, context: Context) -> PersistedQuery | None:
        async with context.sessionmaker() as session:
            return await PersistedQueryRepository(session).get(sha256_hash)

    async def _allow_listed(self, sha256_hash: str, context: Context) -> bool:
        row = await self._stored(sha256_hash, context)
        return row is not None and row.allow_listed
