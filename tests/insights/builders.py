"""Whole conversations for the insights tests, built on the metrics tests' event factory."""

from tests.metrics.factory import Events

DAY, HOUR = 86_400, 3_600


def handled(
    events: Events,
    conversation: str,
    at: float,
    agent: str,
    *,
    wait: float = 10,
    handle: float = 100,
    customer: str | None = None,
    category: str | None = None,
    resolution: str = "resolved",
) -> None:
    """Started and queued at ``at``, assigned to ``agent`` after ``wait``, ended ``handle`` later.

    The customer defaults to one of its own, so no conversation repeats another.
    """
    events.started(conversation, at, customer=customer or f"cust-{conversation}", category=category)
    events.queued(conversation, at)
    events.assigned(conversation, at + wait, agent)
    events.ended(conversation, at + wait + handle, resolution)


def replied(events: Events, conversation: str, at: float, agent: str, intervals: list[float]) -> None:
    """Customer blocks starting at ``at``, each answered by ``agent`` after the given interval."""
    moment = at
    for interval in intervals:
        events.customer(conversation, moment)
        events.agent_says(conversation, moment + interval, agent)
        moment += interval + 1


def close_windows(events: Events, at: float = 9 * DAY) -> None:
    """An event that moves the watermark past every repeat window of the fixture."""
    events.add("agent.status_changed", at, agent_id="watermark", status="offline")
