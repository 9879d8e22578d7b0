"""Before/after comparison of one metric for an agent, a team or any filtered population."""

from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.errors import BadUserInput
from server.insights.methods import compare_samples, statistical_test_for
from server.insights.periods import Period, require_consecutive
from server.insights.results import BeforeAfterResult, TestPolicy
from server.metrics.api import METRICS_BY_KEY, MetricScope, MetricsRequest, metric_samples


@dataclass(frozen=True)
class BeforeAfter:
    key: str
    before: Period
    after: Period
    result: BeforeAfterResult


async def before_after(
    session: AsyncSession,
    key: str,
    request: MetricsRequest,
    before: Period,
    after: Period,
    *,
    settings: Settings,
    scope: MetricScope | None = None,
    policy: TestPolicy = TestPolicy(),
) -> BeforeAfter:
    """Test whether ``key`` changed between two consecutive periods, on the request's filters."""
    definition = METRICS_BY_KEY.get(key)
    if definition is None or statistical_test_for(definition) is None:
        raise BadUserInput(
            f"{key} cannot be compared before/after (counts and percentiles) / 该指标不支持前后对比检验",
            details={"metric": key},
        )
    require_consecutive(before, after, settings.zone)
    asked = replace(request, group_by=(), metrics=(key,))
    earlier = await metric_samples(session, before.applied(asked), settings=settings, scope=scope)
    later = await metric_samples(session, after.applied(asked), settings=settings, scope=scope)
    samples = compare_samples(definition, earlier[key], later[key], policy)  # type: ignore[arg-type]  # numpy arrays read as sequences
    return BeforeAfter(key, before, after, samples)
