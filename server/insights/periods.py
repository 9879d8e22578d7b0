"""Two periods of the same question: ranges on the bucketing instant, ``from_`` inclusive, ``to`` exclusive."""

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from server.errors import BadUserInput
from server.metrics.api import MetricsRequest, local_instant_us


@dataclass(frozen=True)
class Period:
    """A date, or a timestamp without offset, is in the organisation's time zone; None is unbounded."""

    from_: date | datetime | None = None
    to: date | datetime | None = None

    def applied(self, request: MetricsRequest) -> MetricsRequest:
        """``request`` restricted to this period (its own range is replaced)."""
        return replace(request, from_=self.from_, to=self.to)


def require_consecutive(before: Period, after: Period, zone: ZoneInfo) -> None:
    """Refuse periods that are open-ended or overlap: ``before`` must end at or before ``after`` starts."""
    bounds = (before.from_, before.to, after.from_, after.to)
    if any(bound is None for bound in bounds):
        raise BadUserInput("both periods need a start and an end / 前后两个时段都需要起止时间")
    assert before.to is not None and after.from_ is not None
    if local_instant_us(before.to, zone) > local_instant_us(after.from_, zone):
        raise BadUserInput("the before period must end before the after period starts / 之前时段须在之后时段开始前结束")
