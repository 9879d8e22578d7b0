"""The event store: ``ingestEvents``, ``coachloop import``, the stored events and their conflicts."""

from server.ingestion.cli import register
from server.ingestion.models import EventConflict, StoredEvent
from server.ingestion.mutations import IngestionMutation
from server.kernel.feature import Feature

FEATURE = Feature(
    name="ingestion",
    mutation=IngestionMutation,
    tables=(StoredEvent, EventConflict),
    cli=(register,),
)
