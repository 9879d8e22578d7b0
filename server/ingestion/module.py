"""The event store: ``ingestEvents``, ``coachloop import``, the stored events and their conflicts."""

from server.ingestion.commands import register
from server.kernel.feature import Feature, Ref

FEATURE = Feature(
    name="ingestion",
    mutation=Ref("server.ingestion.mutations:IngestionMutation"),
    tables=(Ref("server.ingestion.models:StoredEvent"), Ref("server.ingestion.models:EventConflict")),
    cli=(register,),
)
