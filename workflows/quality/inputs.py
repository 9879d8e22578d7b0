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
