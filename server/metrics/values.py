"""Lists of integer values (microseconds) stored as little-endian int64 bytes, sorted."""

from collections.abc import Iterable

import numpy as np

VALUE_TYPE = np.dtype("<i8")


def encode_values(values: Iterable[int]) -> bytes:
    return np.array(sorted(values), dtype=VALUE_TYPE).tobytes()


def decode_values(blob: bytes | None) -> np.ndarray:
    return np.frombuffer(blob or b"", dtype=VALUE_TYPE)
