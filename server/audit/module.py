"""The audit trail of individual-level reads, refusals and changes."""

from server.audit.models import AuditEntry, AuditPurgeHorizon
from server.audit.queries import AuditQuery
from server.kernel.feature import Feature, ScopedRecord

FEATURE = Feature(
    name="audit",
    query=AuditQuery,
    tables=(AuditEntry, AuditPurgeHorizon),
    scoped_records=(ScopedRecord("AuditEntry", "read", frozenset({"all"})),),
)
