"""Inputs and results of the demo-loading workflow and its activity."""

from dataclasses import dataclass

DEMO_WORKFLOW_ID = "demo-data-load"
"""Fixed, so a second start while one is running joins it instead of loading twice."""


@dataclass(frozen=True)
class LoadDemoDataInput:
    """The demo stream to load: ``generate_events(conversations, seed)`` in slices of ``batch_size``."""

    conversations: int
    seed: int
    batch_size: int


@dataclass(frozen=True)
class DemoBatchInput:
    """Batch ``batch_index`` of the stream: events ``[index * batch_size, (index + 1) * batch_size)``."""

    conversations: int
    seed: int
    batch_size: int
    batch_index: int


@dataclass(frozen=True)
class DemoBatchResult:
    """What ingesting one batch did; ``last`` when the stream ends within it.

    ``accepted``: stored by the attempt that completed; ``duplicates``: already present,
    such as the events an earlier attempt of the same batch stored before its worker
    died. ``attempt``: 1 unless the batch was retried.
    """

    events: int
    accepted: int
    duplicates: int
    conflicts: int
    rejected: int
    last: bool
    attempt: int = 1


@dataclass(frozen=True)
class LoadDemoDataResult:
    """Totals over every batch loaded so far.

    ``stored``: events of the stream now in the store (``accepted`` + ``duplicates``,
    whichever attempt wrote them), so it adds up to the stored count even when a batch
    was retried after its first attempt had written; ``retried_batches`` says how many were.
    """

    batches: int = 0
    events: int = 0
    accepted: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    stored: int = 0
    retried_batches: int = 0

    def add(self, batch: DemoBatchResult) -> "LoadDemoDataResult":
        """These totals with one more batch counted."""
        return LoadDemoDataResult(
            batches=self.batches + 1,
            events=self.events + batch.events,
            accepted=self.accepted + batch.accepted,
            duplicates=self.duplicates + batch.duplicates,
            conflicts=self.conflicts + batch.conflicts,
            rejected=self.rejected + batch.rejected,
            stored=self.stored + batch.accepted + batch.duplicates,
            retried_batches=self.retried_batches + (batch.attempt > 1),
        )
