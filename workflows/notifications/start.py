"""Starting webhook delivery workflows: one per delivery and round, named after them so a second start is a no-op."""

from collections.abc import Sequence

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from server.notifications.delivery import DeliveryStart
from workflows.notifications.inputs import WebhookDeliveryInput
from workflows.notifications.workflows import WebhookDeliveryWorkflow


def delivery_workflow_id(delivery_id: str, round_: int) -> str:
    return f"webhook-delivery-{delivery_id}-{round_}"


class TemporalDeliveryStarter:
    """Starts WebhookDeliveryWorkflow runs on ``task_queue`` (attempt settings overridable, for tests)."""

    def __init__(self, client: Client, task_queue: str, **attempts: int) -> None:
        self.client = client
        self.task_queue = task_queue
        self.attempts = attempts

    async def start(self, deliveries: Sequence[DeliveryStart]) -> None:
        for delivery in deliveries:
            try:
                await self.client.start_workflow(
                    WebhookDeliveryWorkflow.run,
                    WebhookDeliveryInput(delivery.delivery_id, delivery.round, delivery.not_before_us, **self.attempts),
                    id=delivery_workflow_id(delivery.delivery_id, delivery.round),
                    task_queue=self.task_queue,
                    id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                )
            except WorkflowAlreadyStartedError:
                continue
