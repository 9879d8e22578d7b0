"""Per-request dataloaders for teams, agents and customers; each batch is one scoped statement."""

import abc
from collections import defaultdict
from typing import Any

from strawberry.dataloader import DataLoader

from server.authz.authorization import Authorization
from server.authz.scoping import RowScope
from server.kernel.paging import PageArgs
from server.org.models import Agent, Customer, CustomerPersonal, Team
from server.org.repository import AgentRepository, CustomerRepository, TeamRepository


class ScopedLoader(DataLoader, abc.ABC):
    """A DataLoader that reads through the request's row scope on ``obj``."""

    obj = ""

    def __init__(self, context: Any) -> None:
        super().__init__(load_fn=self._load)
        self.context = context

    @property
    def authorization(self) -> Authorization:
        return self.context.authorization

    async def _load(self, keys: list) -> list:
        scope = await self.authorization.row_scope(self.context.session, self.obj)
        if scope.empty:
            return [self.empty_value() for _ in keys]
        return await self.load_batch(scope, list(keys))

    def empty_value(self) -> Any:
        return None

    @abc.abstractmethod
    async def load_batch(self, scope: RowScope, keys: list) -> list:
        """The values for ``keys``, in order, read within ``scope``."""


class TeamByIdLoader(ScopedLoader):
    obj = "Team"

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[Team | None]:
        found = {team.team_id: team for team in await TeamRepository(self.context.session, scope).by_ids(keys)}
        return [found.get(key) for key in keys]


class SubTeamsByTeamLoader(ScopedLoader):
    obj = "Team"

    def empty_value(self) -> list:
        return []

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[list[Team]]:
        grouped: dict[str, list[Team]] = defaultdict(list)
        for team in await TeamRepository(self.context.session, scope).children_of(keys):
            if team.parent_team_id is not None:
                grouped[team.parent_team_id].append(team)
        return [grouped.get(key, []) for key in keys]


class AgentByIdLoader(ScopedLoader):
    obj = "Agent"

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[Agent | None]:
        found = {agent.agent_id: agent for agent in await AgentRepository(self.context.session, scope).by_ids(keys)}
        return [found.get(key) for key in keys]


class AgentPageByTeamLoader(ScopedLoader):
    """Keys ``(team_id, PageArgs)``: ids of one page of the team's readable agents (spare row included).

    Teams asking for the same page are read in one statement.
    """

    obj = "Agent"

    def empty_value(self) -> list:
        return []

    async def load_batch(self, scope: RowScope, keys: list[tuple[str, PageArgs]]) -> list[list[str]]:
        repository = AgentRepository(self.context.session, scope)
        teams_by_args: dict[PageArgs, list[str]] = defaultdict(list)
        for team_id, args in keys:
            teams_by_args[args].append(team_id)
        found: dict[tuple[str, PageArgs], list[str]] = {}
        for args, team_ids in teams_by_args.items():
            pages = await repository.pages_by_teams(sorted(set(team_ids)), args)
            found.update({(team_id, args): pages.get(team_id, []) for team_id in team_ids})
        return [found[key] for key in keys]


class AgentCountByTeamLoader(ScopedLoader):
    """How many agents of each team are readable."""

    obj = "Agent"

    def empty_value(self) -> int:
        return 0

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[int]:
        counts = await AgentRepository(self.context.session, scope).count_by_teams(sorted(set(keys)))
        return [counts.get(key, 0) for key in keys]


class CustomerByIdLoader(ScopedLoader):
    obj = "Customer"

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[tuple[Customer, CustomerPersonal | None] | None]:
        rows = await CustomerRepository(self.context.session, scope).by_ids(keys)
        found = {customer.customer_id: (customer, personal) for customer, personal in rows}
        return [found.get(key) for key in keys]
