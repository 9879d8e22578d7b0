"""Just-in-time directory users: a verified token's claims create the record on first use, and never widen it after.

Which wins: **the stored record**. Claims are read once, to create a missing record;
from then on the caller's roles and led teams are the directory's, whatever a later
token claims (docs/decisions.md says why). A deactivated user is refused however
valid the token. Service principals (only the ``ingest`` role) are not people and are
neither stored nor looked up.
"""

import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.identity import ROLES, Principal
from server.db import transaction
from server.errors import Unauthenticated
from server.people.records import UserRecord
from server.people.repository import DirectoryRepository
from server.people.service import Actor, store_user

logger = logging.getLogger(__name__)

SERVICE_ROLES = frozenset({"ingest"})
AGENT_ROLE = "agent"


def record_from_claims(claimed: Principal) -> UserRecord:
    """The record a first sign-in creates: the claimed roles the directory knows, the claimed teams."""
    unknown = sorted(claimed.roles - set(ROLES))
    if unknown:
        logger.warning("token of %s claims unknown roles %s; not stored", claimed.subject, unknown)
    return UserRecord(
        user_id=claimed.subject,
        display_name=claimed.subject,
        roles=claimed.roles & frozenset(ROLES),
        teams=claimed.teams,
        agent_id=claimed.subject if AGENT_ROLE in claimed.roles else None,
        source="token",
    )


async def directory_principal(
    sessionmaker: async_sessionmaker[AsyncSession], claimed: Principal, *, now_us: int, request_id: str = ""
) -> Principal:
    """The principal the directory grants a verified caller (creating its record on first use)."""
    if claimed.roles and claimed.roles <= SERVICE_ROLES:
        return claimed
    record = await _stored_or_created(sessionmaker, claimed, now_us=now_us, request_id=request_id)
    if not record.active:
        raise Unauthenticated("user is deactivated")
    return Principal(subject=claimed.subject, roles=record.roles, teams=record.teams, expires_at=claimed.expires_at)


async def _stored_or_created(
    sessionmaker: async_sessionmaker[AsyncSession], claimed: Principal, *, now_us: int, request_id: str
) -> UserRecord:
    for _attempt in range(2):
        try:
            async with transaction(sessionmaker) as session:
                repository = DirectoryRepository(session)
                stored = await repository.get(claimed.subject)
                if stored is not None:
                    return stored
                created = record_from_claims(claimed)
                await store_user(session, created, Actor(claimed, request_id), now_us=now_us)
                return created
        except IntegrityError:  # a concurrent first request stored it first: read theirs
            continue
    raise RuntimeError(f"could not store or read directory user {claimed.subject}")
