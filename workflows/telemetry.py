"""Activity outcomes and durations in the worker's ``/metrics``: a worker interceptor around every activity."""

import asyncio
import time
from typing import Any

from prometheus_client import Counter, Histogram
from temporalio import activity
from temporalio.exceptions import CancelledError
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

ACTIVITIES = Counter(
    "coachloop_activity_executions", "Activity attempts finished, by activity type and outcome (completed, failed, cancelled).",
    ["activity", "outcome"],
)
ACTIVITY_SECONDS = Histogram(
    "coachloop_activity_duration_seconds", "Time of one activity attempt, by activity type.",
    ["activity"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600),
)


class _CountingActivities(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:  # noqa: A002  (the SDK's name)
        name = activity.info().activity_type
        started = time.perf_counter()
        outcome = "failed"
        try:
            result = await super().execute_activity(input)
            outcome = "completed"
            return result
        except (asyncio.CancelledError, CancelledError):
            outcome = "cancelled"
            raise
        finally:
            ACTIVITIES.labels(name, outcome).inc()
            ACTIVITY_SECONDS.labels(name).observe(time.perf_counter() - started)


class ActivityTelemetry(Interceptor):
    """Counts every activity attempt the worker runs, by outcome, and times it."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:  # noqa: A002
        return _CountingActivities(next)
