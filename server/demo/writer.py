"""Numbering, timestamping and JSON Lines writing of demo events."""

import io
import json
from collections.abc import Iterable
from datetime import date
from typing import IO

from server.demo.period import DAY, LOCAL_OFFSET, LOCAL_SUFFIX, UNIX_EPOCH_ORDINAL


class EventWriter:
    """Numbers events, writes their `ts` and keeps only those within the snapshot."""

    def __init__(self, cutoff: int) -> None:
        self.cutoff = cutoff
        self.count = 0
        self.pending: list[dict] = []
        self._clock = tuple(f"T{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60))
        self._dates: dict[int, str] = {}

    def _date(self, days: int) -> str:
        text = self._dates.get(days)
        if text is None:
            text = self._dates[days] = date.fromordinal(UNIX_EPOCH_ORDINAL + days).isoformat()
        return text

    def add(self, instant: int, event_type: str, fields: dict, utc: bool = False) -> None:
        """Queue one event at ``instant`` (Unix seconds), written in +08:00 or, with ``utc``, in Z."""
        if instant > self.cutoff:
            return
        self.count += 1
        if utc:
            days, second = divmod(instant, DAY)
            ts = self._date(days) + self._clock[second] + "Z"
        else:
            days, second = divmod(instant + LOCAL_OFFSET, DAY)
            ts = self._date(days) + self._clock[second] + LOCAL_SUFFIX
        event = {"id": f"evt-{self.count:09d}", "type": event_type, "ts": ts, "source": "demo"}
        event.update(fields)
        self.pending.append(event)

    def take(self) -> list[dict]:
        """The events queued since the last call."""
        events, self.pending = self.pending, []
        return events


def write_lines(events: Iterable[dict], target: IO) -> int:
    """Write ``events`` as UTF-8 JSON Lines to a text or binary ``target``; return how many."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    as_text = isinstance(target, io.TextIOBase)
    count = 0
    batch: list[str] = []
    for event in events:
        batch.append(encode(event))
        if len(batch) == 5000:
            count += len(batch)
            chunk = "\n".join(batch) + "\n"
            target.write(chunk if as_text else chunk.encode("utf-8"))
            batch = []
    if batch:
        count += len(batch)
        chunk = "\n".join(batch) + "\n"
        target.write(chunk if as_text else chunk.encode("utf-8"))
    target.flush()
    return count
