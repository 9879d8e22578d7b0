"""Per-request dataloaders of the quality feature, each batch one scoped statement."""

from server.authz.scoping import RowScope
from server.org.loaders import ScopedLoader
from server.quality.models import QaFinding, QaReview
from server.quality.repository import QaReviewRepository, findings_by_review


class QaReviewByIdLoader(ScopedLoader):
    """Reviews by id; those outside the read scope load as None."""

    obj = "QaReview"

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[QaReview | None]:
        found = {row.review_id: row for row in await QaReviewRepository(self.context.session, scope).by_ids(sorted(set(keys)))}
        return [found.get(key) for key in keys]


class FindingsByReviewLoader(ScopedLoader):
    """The findings of reviews the scope reaches (none for the others)."""

    obj = "QaReview"

    def empty_value(self) -> list[QaFinding]:
        return []

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[list[QaFinding]]:
        visible = {row.review_id for row in await QaReviewRepository(self.context.session, scope).by_ids(sorted(set(keys)))}
        found = await findings_by_review(self.context.session, sorted(visible))
        return [found.get(key, []) for key in keys]
