"""Deterministic demo event stream (docs/events.md): master data, shifts and conversations.

The stream is a snapshot taken at the end of the period: no event is later than that
instant, conversations still running then stay open, and feedback that would arrive
after it is left out.
"""

import sys
from collections.abc import Iterator
from datetime import datetime
from os import PathLike
from random import Random
from typing import IO

from server.demo.conversation import ConversationSimulator
from server.demo.organisation import build_agents
from server.demo.period import Period
from server.demo.roster import Roster, master_data_events
from server.demo.writer import EventWriter, write_lines

MIN_CUSTOMERS, CONVERSATIONS_PER_CUSTOMER = 60, 2


def generate_events(conversations: int, seed: int, start: datetime | None = None) -> Iterator[dict]:
    """Yield the demo stream for ``conversations`` conversations, the same for the same arguments.

    The period has max(14, conversations / 2000) days, at most 120, from the local date
    of ``start`` (a naive ``start`` is read in Asia/Shanghai). By default it starts on
    2026-09-01, moved earlier when needed so that it ends by 2026-11-20 00:00 +08:00:
    no default stream holds an instant after that. The stream is lazy and keeps only
    the current day in memory.
    """
    if conversations < 0:
        raise ValueError("conversations must not be negative")
    rng = Random(seed)
    period = Period(conversations, start)
    writer = EventWriter(cutoff=period.end)
    agents = build_agents()
    customers = max(MIN_CUSTOMERS, conversations // CONVERSATIONS_PER_CUSTOMER)
    yield from master_data_events(writer, rng, period, agents, customers)
    roster = Roster(agents, period)
    simulator = ConversationSimulator(rng, writer, roster, customers)
    number = 0
    for day in range(period.days):
        timed = roster.plan(day, rng)
        next_timed = 0
        promotion = day in period.promotion
        for t in period.conversation_starts(day, rng):
            while next_timed < len(timed) and timed[next_timed][0] <= t:
                writer.add(*timed[next_timed])
                next_timed += 1
            number += 1
            simulator.run(number, t, period.load(day, t), promotion)
            yield from writer.take()
        for event in timed[next_timed:]:
            writer.add(*event)
        yield from writer.take()


def write_events(path_or_stdout: str | PathLike | IO, conversations: int, seed: int,
                 start: datetime | None = None) -> int:
    """Write the stream as UTF-8 JSON Lines to a path, an open file, or stdout for "-"; return the event count."""
    events = generate_events(conversations, seed, start)
    if isinstance(path_or_stdout, str) and path_or_stdout == "-":
        sys.stdout.flush()
        return write_lines(events, getattr(sys.stdout, "buffer", sys.stdout))
    if not isinstance(path_or_stdout, str | PathLike):
        return write_lines(events, path_or_stdout)
    with open(path_or_stdout, "wb") as target:
        return write_lines(events, target)
