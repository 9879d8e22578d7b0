"""The webhook delivery workflow: quiet-hours wait, attempts with exponential backoff on durable timers, then park."""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from server.timefmt import to_us
    from workflows.notifications.activities import WebhookActivities
    from workflows.notifications.inputs import AttemptInput, DeliveryOutcome, ParkInput, WebhookDeliveryInput

ATTEMPT_TIMEOUT = timedelta(seconds=60)
INFRASTRUCTURE_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=5)
"""Retries of the activity itself (database unreachable); HTTP failures are the workflow's own attempts."""


def backoff_seconds(attempt: int, first_seconds: int, max_seconds: int) -> int:
    """The wait after failed attempt ``attempt`` (1-based): first, 2×first, 4×first, … at most ``max_seconds``."""
    return min(first_seconds * 2 ** (attempt - 1), max_seconds)


@workflow.defn
class WebhookDeliveryWorkflow:
    """Send one delivery until an endpoint answers 2xx; park it after the last failed attempt."""

    @workflow.run
    async def run(self, request: WebhookDeliveryInput) -> DeliveryOutcome:
        wait_us = request.not_before_us - to_us(workflow.now())
        if wait_us > 0:
            await workflow.sleep(timedelta(microseconds=wait_us))
        for attempt in range(1, request.max_attempts + 1):
            result = await workflow.execute_activity_method(
                WebhookActivities.send,
                AttemptInput(request.delivery_id, request.round, to_us(workflow.now())),
                start_to_close_timeout=ATTEMPT_TIMEOUT,
                retry_policy=INFRASTRUCTURE_RETRY,
            )
            if result.delivered or result.settled:
                return DeliveryOutcome(request.delivery_id, "delivered" if result.delivered else "settled", attempt)
            if attempt < request.max_attempts:
                delay = backoff_seconds(attempt, request.first_backoff_seconds, request.max_backoff_seconds)
                await workflow.sleep(timedelta(seconds=delay))
        await workflow.execute_activity_method(
            WebhookActivities.park,
            ParkInput(request.delivery_id, request.round),
            start_to_close_timeout=ATTEMPT_TIMEOUT,
            retry_policy=INFRASTRUCTURE_RETRY,
        )
        return DeliveryOutcome(request.delivery_id, "parked", request.max_attempts)
