"""QA reviews, findings and disputes read through the principal's scope, newest first, in keyset pages."""

from sqlalchemy import Select, exists, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope, conversation_clause
from server.conversations.models import ConversationEvent, Message
from server.kernel.events import EventType
from server.kernel.timeline import UNCATEGORIZED
from server.kernel.keyset import code_point_order
from server.kernel.paging import PageArgs, SortKey, SortValue
from server.quality.models import QaConversationFact, QaDispute, QaFinding, QaReview
from server.quality.scoping import qa_dispute_clause, qa_review_clause
from server.reviews.models import ReviewAssignment


def review_sort_key(review: QaReview) -> tuple[SortValue, ...]:
    return (review.created_at_us, review.review_id)


class QaReviewRepository:
    """Reviews the scope reaches, newest first, optionally narrowed to a conversation, an agent or a kind."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def readable_statement(
        self, *, conversation_id: str | None = None, agent_id: str | None = None, kind: str | None = None
    ) -> Select:
        statement = select(QaReview).where(qa_review_clause(self.scope))
        if conversation_id is not None:
            statement = statement.where(QaReview.conversation_id == conversation_id)
        if agent_id is not None:
            statement = statement.where(QaReview.agent_id == agent_id)
        if kind is not None:
            statement = statement.where(QaReview.kind == kind)
        return statement

    def order(self) -> list[SortKey]:
        return [
            SortKey(QaReview.created_at_us, descending=True),
            SortKey(code_point_order(self.session, QaReview.review_id), descending=True),
        ]

    async def page(self, args: PageArgs, **narrowing: str | None) -> list[QaReview]:
        statement = args.bounded(self.readable_statement(**narrowing), self.order())
        return list((await self.session.execute(statement)).scalars().all())

    async def count(self, **narrowing: str | None) -> int:
        statement = select(func.count()).select_from(self.readable_statement(**narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def get(self, review_id: str) -> QaReview | None:
        statement = self.readable_statement().where(QaReview.review_id == review_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def by_ids(self, review_ids: list[str]) -> list[QaReview]:
        statement = self.readable_statement().where(QaReview.review_id.in_(review_ids))
        return list((await self.session.execute(statement)).scalars())

    async def finding(self, finding_id: str) -> QaFinding | None:
        """A finding of a review the scope reaches."""
        readable = self.readable_statement().where(QaReview.review_id == QaFinding.review_id)
        statement = select(QaFinding).where(QaFinding.finding_id == finding_id, readable.exists())
        return (await self.session.execute(statement)).scalar_one_or_none()


async def findings_by_review(session: AsyncSession, review_ids: list[str]) -> dict[str, list[QaFinding]]:
    """The findings of each review (the reviews were read through a scope already), by finding id."""
    found: dict[str, list[QaFinding]] = {review_id: [] for review_id in review_ids}
    statement = select(QaFinding).where(QaFinding.review_id.in_(review_ids)).order_by(QaFinding.finding_id)
    for finding in (await session.execute(statement)).scalars():
        found[finding.review_id].append(finding)
    return found


class QaDisputeRepository:
    """Disputes the scope reaches, newest first."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    async def listed(self, *, status: str | None = None, review_id: str | None = None) -> list[QaDispute]:
        statement = select(QaDispute).where(qa_dispute_clause(self.scope))
        if status is not None:
            statement = statement.where(QaDispute.status == status)
        if review_id is not None:
            statement = statement.where(QaDispute.review_id == review_id)
        statement = statement.order_by(QaDispute.opened_at_us.desc(), QaDispute.dispute_id)
        return list((await self.session.execute(statement)).scalars())

    async def get(self, dispute_id: str) -> QaDispute | None:
        statement = select(QaDispute).where(qa_dispute_clause(self.scope), QaDispute.dispute_id == dispute_id)
        return (await self.session.execute(statement)).scalar_one_or_none()


async def review_exists(session: AsyncSession, review_id: str) -> bool:
    return bool((await session.execute(select(exists().where(QaReview.review_id == review_id)))).scalar_one())


async def dispute_exists(session: AsyncSession, dispute_id: str) -> bool:
    return bool((await session.execute(select(exists().where(QaDispute.dispute_id == dispute_id)))).scalar_one())


class ReviewQueue:
    """A reviewer's assignments it has not scored yet (manual or calibration), oldest first."""

    def __init__(self, session: AsyncSession, reviewer_id: str) -> None:
        self.session = session
        self.reviewer_id = reviewer_id

    def readable_statement(self) -> Select:
        scored = select(QaReview.review_id).where(
            QaReview.conversation_id == ReviewAssignment.conversation_id, QaReview.reviewer_id == self.reviewer_id,
        ).exists()
        return select(ReviewAssignment).where(ReviewAssignment.reviewer_id == self.reviewer_id, ~scored)

    def order(self) -> list[SortKey]:
        return [
            SortKey(ReviewAssignment.assigned_at_us),
            SortKey(code_point_order(self.session, ReviewAssignment.reviewer_id)),
            SortKey(code_point_order(self.session, ReviewAssignment.conversation_id)),
        ]

    async def page(self, args: PageArgs) -> list[ReviewAssignment]:
        statement = args.bounded(self.readable_statement(), self.order())
        return list((await self.session.execute(statement)).scalars().all())

    async def count(self) -> int:
        statement = select(func.count()).select_from(self.readable_statement().subquery())
        return (await self.session.execute(statement)).scalar_one()


async def customer_messages_of(
    session: AsyncSession, scope: RowScope, from_us: int, to_us: int, category: str | None = None,
) -> list[tuple[str, str, str]]:
    """``(category, conversation id, text)`` of the customer messages sent in ``[from_us, to_us)`` of the conversations
    the scope reaches; the category is the scored conversation's current one, else its start's."""
    started = select(ConversationEvent.conversation_id, ConversationEvent.category).where(
        ConversationEvent.type == EventType.CONVERSATION_STARTED
    ).subquery()
    label = func.coalesce(QaConversationFact.category, started.c.category, UNCATEGORIZED)
    statement = (
        select(label, Message.conversation_id, Message.text)
        .join(started, started.c.conversation_id == Message.conversation_id)
        .outerjoin(QaConversationFact, QaConversationFact.conversation_id == Message.conversation_id)
        .where(
            Message.sender == "customer", Message.ts_us >= from_us, Message.ts_us < to_us,
            conversation_clause(scope, Message.conversation_id),
        )
    )
    if category is not None:
        statement = statement.where(label == category)
    return [(found, conversation_id, text or "") for found, conversation_id, text in await session.execute(statement)]
