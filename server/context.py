"""Per-request context: settings, one database session, the principal, the policy enforcer, dataloaders, commit callbacks."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.websockets import WebSocket

from server.audit.trail import AuditTrail
from server.authz.authorization import Authorization
from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.config import Settings
from server.kernel.commit import AfterCommit, AfterCommitCallbacks
from server.kernel.language import Language, negotiate
from server.request_session import RequestSession

LoaderT = TypeVar("LoaderT")


@dataclass
class Context:
    """What every resolver may use; the session is committed or rolled back by SessionExtension."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    request: Request | WebSocket | None = None
    principal: Principal | None = None
    request_id: str = ""
    policies: PolicyEnforcer | None = None
    """The process's policy enforcer (its snapshot is refreshed per request)."""
    authorization: Authorization | None = None
    """The principal's policy decisions for this request (None when unauthenticated)."""
    audit: AuditTrail = field(default_factory=lambda: AuditTrail(principal=None, request_id=""))
    """Individual-level reads and refused attempts, written once when the operation ends."""
    connection_params: dict[str, Any] | None = None
    """The graphql-transport-ws connection_init payload (WebSocket connections only)."""
    connection_refusal: Any = None
    """Why connection_init was refused (an Unauthenticated error; WebSocket connections only)."""
    transaction_failed: bool = False
    """A mutation returned userErrors: the operation's writes are rolled back (server/kernel/payloads.py)."""
    _session: AsyncSession | None = None
    _loaders: dict[type, Any] = field(default_factory=dict)
    _after_commit: AfterCommitCallbacks = field(default_factory=AfterCommitCallbacks)

    def on_commit(self, callback: AfterCommit) -> None:
        """Run ``callback`` once the operation's transaction committed; never when it rolls back.

        A nudge only: write what must happen as an intent first (server/intents/service.py).
        """
        self._after_commit.add(callback)

    def fail_transaction(self) -> None:
        """Roll the operation's transaction back when it ends, though it raised no error."""
        self.transaction_failed = True

    @cached_property
    def language(self) -> Language:
        """The answer's language: the request's ``Accept-Language`` (zh-CN by default)."""
        headers = getattr(self.request, "headers", None)
        return negotiate(headers.get("accept-language") if headers is not None else None)

    def loader(self, loader_class: type[LoaderT]) -> LoaderT:
        """The request's instance of a dataloader class (built on first use with this context)."""
        existing = self._loaders.get(loader_class)
        if existing is None:
            existing = self._loaders[loader_class] = loader_class(self)  # type: ignore[call-arg]
        return existing

    @property
    def session(self) -> AsyncSession:
        """The request's session, opened on first use."""
        if self._session is None:
            self._session = RequestSession(**self.sessionmaker.kw)
        return self._session

    async def finish(self, *, success: bool) -> None:
        """Commit on success, roll back otherwise, close the session; then run or drop the ``on_commit`` callbacks."""
        committed = False
        try:
            if self._session is not None:
                try:
                    if success:
                        await self._session.commit()
                    else:
                        await self._session.rollback()
                finally:
                    await self._session.close()
                    self._session = None
            committed = success
        finally:
            if committed:
                await self._after_commit.run(self.settings.after_commit_budget_seconds)
            else:
                self._after_commit.discard()
