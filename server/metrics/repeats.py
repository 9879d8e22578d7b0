"""Repeat contacts (metrics.md, Repeat): a customer's later conversation about the same thing. Pure."""

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from server.metrics.conversation_facts import OUTBOUND


@dataclass(frozen=True)
class RepeatCandidate:
    """What repeat detection needs of a conversation."""

    conversation_id: str
    customer_id: str
    category: str
    direction: str
    start_us: int
    end_us: int | None


def repeated_conversations(conversations: Iterable[RepeatCandidate], window_us: int) -> set[str]:
    """Ids of the ended conversations followed, within (end, end + window], by another inbound one.

    The later conversation must have the same customer and current category and a
    direction other than ``outbound``; it counts whatever its own outcome.
    """
    candidates = list(conversations)
    later_by_key: dict[tuple[str, str], list[RepeatCandidate]] = {}
    for candidate in candidates:
        if candidate.direction != OUTBOUND:
            later_by_key.setdefault((candidate.customer_id, candidate.category), []).append(candidate)
    starts_by_key: dict[tuple[str, str], list[int]] = {}
    for key, later in later_by_key.items():
        later.sort(key=lambda candidate: candidate.start_us)
        starts_by_key[key] = [candidate.start_us for candidate in later]
    repeated = set()
    for candidate in candidates:
        if candidate.end_us is None:
            continue
        key = (candidate.customer_id, candidate.category)
        later, starts = later_by_key.get(key, []), starts_by_key.get(key, [])
        index = bisect_right(starts, candidate.end_us)
        while index < len(starts) and starts[index] <= candidate.end_us + window_us:
            if later[index].conversation_id != candidate.conversation_id:
                repeated.add(candidate.conversation_id)
                break
            index += 1
    return repeated
