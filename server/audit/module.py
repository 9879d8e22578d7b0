"""The audit trail of individual-level reads, refusals and changes."""

from server.kernel.feature import Feature, Ref, ScopedRecord

FEATURE = Feature(
    name="audit",
    query=Ref("server.audit.queries:AuditQuery"),
    tables=(Ref("server.audit.models:AuditEntry"), Ref("server.audit.models:AuditPurgeHorizon")),
    scoped_records=(ScopedRecord("AuditEntry", "read", frozenset({"all"})),),
    nodes=Ref("server.audit.loaders:NODES"),
)
