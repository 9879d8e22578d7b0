"""Per-request loaders of alerts' rules."""

from typing import Any

from strawberry.dataloader import DataLoader

from server.alerts.models import AlertRule
from server.alerts.repository import RuleRepository
from server.authz.scoping import RowScope


class RuleByIdLoader(DataLoader[str, AlertRule | None]):
    """The rule of each alert shown (an alert you may see shows its rule, deleted or not)."""

    def __init__(self, context: Any) -> None:
        super().__init__(load_fn=self._load)
        self.context = context

    async def _load(self, keys: list[str]) -> list[AlertRule | None]:
        unscoped = RowScope(obj="AlertRule", scopes=frozenset({"all"}), subject="")
        found = await RuleRepository(self.context.session, unscoped).by_ids(list(keys))
        return [found.get(key) for key in keys]
