"""Inputs of the re-scoring workflow and its activity."""

from dataclasses import dataclass

DEFAULT_BATCH = 200


@dataclass
class RescoreInput:
    job_id: str
    batch_size: int = DEFAULT_BATCH


@dataclass
class RescoreBatchInput:
    job_id: str
    limit: int


@dataclass
class AutoQaInput:
    """Score what ended every ``interval_seconds``; ``runs`` bounds the runs (None: for ever, for tests a number)."""

    interval_seconds: int = 30
    runs: int | None = None
    runs_per_history: int = 200
    """After this many runs the workflow continues as new, so its history stays short."""
    scored: int = 0
    """Intents completed so far (carried over a continue-as-new)."""
