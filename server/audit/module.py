"""The audit trail of individual-level reads, refusals and changes."""

from server.audit.loaders import load_audit_entry_node
from server.audit.models import AuditEntry, AuditPurgeHorizon
from server.audit.queries import AuditQuery
from server.kernel.feature import Feature, ScopedRecord
from server.kernel.relay import NodeType

FEATURE = Feature(
    name="audit",
    query=AuditQuery,
    tables=(AuditEntry, AuditPurgeHorizon),
    scoped_records=(ScopedRecord("AuditEntry", "read", frozenset({"all"})),),
    nodes=(NodeType("AuditEntry", load_audit_entry_node),),
)
