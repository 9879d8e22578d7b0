"""Inputs and results of the webhook delivery workflow and its activities."""

from dataclasses import dataclass

DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_FIRST_BACKOFF_SECONDS = 30
DEFAULT_MAX_BACKOFF_SECONDS = 6 * 3600


@dataclass
class WebhookDeliveryInput:
    """One delivery's round of attempts: wait until ``not_before_us``, then try up to ``max_attempts`` times."""

    delivery_id: str
    round: int
    not_before_us: int
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    first_backoff_seconds: int = DEFAULT_FIRST_BACKOFF_SECONDS
    max_backoff_seconds: int = DEFAULT_MAX_BACKOFF_SECONDS


@dataclass
class AttemptInput:
    delivery_id: str
    round: int
    sent_at_us: int
    """The instant signed as ``webhook-timestamp`` (the workflow's clock when the attempt began)."""


@dataclass
class AttemptResult:
    """``delivered`` on a 2xx answer; ``settled`` when there is nothing left to send (delivered before, or superseded)."""

    delivered: bool
    settled: bool
    status_code: int | None = None
    error: str | None = None


@dataclass
class ParkInput:
    delivery_id: str
    round: int


@dataclass
class DeliveryOutcome:
    delivery_id: str
    status: str
    attempts: int
