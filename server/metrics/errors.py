"""Expected errors of the metrics engine, each with a stable code."""

from enum import StrEnum


class MetricsErrorCode(StrEnum):
    UNKNOWN_METRIC = "UNKNOWN_METRIC"
    UNKNOWN_DIMENSION = "UNKNOWN_DIMENSION"
    MULTIPLE_TIME_BUCKETS = "MULTIPLE_TIME_BUCKETS"
    INVALID_RANGE = "INVALID_RANGE"


class MetricsRequestError(ValueError):
    """A metrics question that cannot be answered as asked (bad key, dimension or range)."""

    def __init__(self, code: MetricsErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
