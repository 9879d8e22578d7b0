"""GraphQL against the real schema and policy as a principal, committing like a request (no HTTP)."""

import uuid
from dataclasses import dataclass
from typing import Any

from graphql import ExecutionResult
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.authz.request import authorize_context
from server.config import Settings
from server.context import Context
from server.schema import schema

ADMIN = Principal("admin-1", frozenset({"admin"}))
LEAD = Principal("lead-1", frozenset({"manager"}), frozenset({"team-1"}))
OTHER_LEAD = Principal("lead-2", frozenset({"manager"}), frozenset({"team-9"}))
REVIEWER = Principal("rev-1", frozenset({"qa_reviewer"}))
AGENT = Principal("agent-1", frozenset({"agent"}))
HR = Principal("hr-1", frozenset({"hr"}))


@dataclass
class QualityApi:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]

    def __post_init__(self) -> None:
        self.policies = PolicyEnforcer(self.settings)

    async def run(self, query: str, principal: Principal, **variables: Any) -> ExecutionResult:
        """Execute as ``principal``; the request's transaction commits when there was no error."""
        context = Context(settings=self.settings, sessionmaker=self.sessionmaker, request_id=uuid.uuid4().hex,
                          policies=self.policies)
        await authorize_context(context, principal)
        result = await schema.execute(query, variable_values=variables, context_value=context)
        await context.finish(success=not result.errors and not context.transaction_failed)
        return result
