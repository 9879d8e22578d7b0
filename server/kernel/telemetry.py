"""Prometheus series of the process (served at ``/metrics`` by the API and the worker's health endpoint).

Each process has its own registry; Prometheus scrapes every replica and sums. Label
values are bounded: operation names are the client's, so only well-formed names are
kept, and after ``MAX_OPERATION_NAMES`` distinct ones the rest count as ``other``.
"""

import re
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest

P = ParamSpec("P")
R = TypeVar("R")

OPERATIONS = Counter(
    "coachloop_graphql_operations", "GraphQL operations executed, by name, type and outcome (ok or error).",
    ["operation", "type", "outcome"],
)
OPERATION_SECONDS = Histogram(
    "coachloop_graphql_operation_duration_seconds", "Time to execute a GraphQL operation, by name and type.",
    ["operation", "type"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
ERRORS = Counter("coachloop_graphql_errors", "GraphQL errors returned, by extensions.code.", ["code"])
INGESTED_EVENTS = Counter(
    "coachloop_ingest_events", "Events offered to ingestion, by outcome (accepted, duplicate, conflict, rejected).",
    ["outcome"],
)
UPKEEP_SECONDS = Histogram(
    "coachloop_facts_upkeep_duration_seconds",
    "Time spent keeping the metric facts current: per import batch (batch) and per full rebuild (rebuild).",
    ["step"], buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900),
)

MAX_OPERATION_NAMES = 500
OPERATION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
_known_operations: set[str] = set()
_known_lock = threading.Lock()


def operation_label(name: str | None) -> str:
    """The label value for an operation name: the name, ``anonymous``, ``invalid`` or ``other`` (over the cap)."""
    if not name:
        return "anonymous"
    if not OPERATION_NAME.match(name):
        return "invalid"
    with _known_lock:
        if name in _known_operations:
            return name
        if len(_known_operations) >= MAX_OPERATION_NAMES:
            return "other"
        _known_operations.add(name)
    return name


def record_operation(name: str | None, operation_type: str, seconds: float, error_codes: list[str]) -> None:
    """Count one executed operation, its duration and each of its errors."""
    label = operation_label(name)
    OPERATIONS.labels(label, operation_type, "error" if error_codes else "ok").inc()
    OPERATION_SECONDS.labels(label, operation_type).observe(seconds)
    for code in error_codes:
        ERRORS.labels(code).inc()


def record_error(code: str) -> None:
    """Count an error answered before any operation ran (e.g. UNAUTHENTICATED)."""
    ERRORS.labels(code).inc()


class IngestTally:
    """Adds an import's outcome counts to ``coachloop_ingest_events`` as its batches commit."""

    OUTCOMES = ("accepted", "duplicates", "conflicts", "rejected")
    LABELS = {"accepted": "accepted", "duplicates": "duplicate", "conflicts": "conflict", "rejected": "rejected"}

    def __init__(self) -> None:
        self.seen = dict.fromkeys(self.OUTCOMES, 0)

    def observe(self, report: object) -> None:
        """Count what ``report`` (an IngestReport) gained since the last call."""
        for outcome in self.OUTCOMES:
            total = getattr(report, outcome)
            if total > self.seen[outcome]:
                INGESTED_EVENTS.labels(self.LABELS[outcome]).inc(total - self.seen[outcome])
                self.seen[outcome] = total


def timed_upkeep(step: str) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Coroutine[Any, Any, R]]]:
    """Decorate an async upkeep function so each call is observed in ``coachloop_facts_upkeep_duration_seconds``."""

    def decorate(function: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
        @wraps(function)
        async def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                UPKEEP_SECONDS.labels(step).observe(time.perf_counter() - started)

        return timed

    return decorate


def exposition() -> tuple[bytes, str]:
    """The registry in the Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
