"""What one request read and was refused, collected while it runs and written once at its end."""

import json
from dataclasses import dataclass, field
from enum import StrEnum

from server.audit.models import AuditEntry
from server.authz.identity import Principal


class AuditAction(StrEnum):
    READ = "read"
    DENIED = "denied"
    POLICY_CHANGE = "policy_change"
    ACCESS_GRANT = "access_grant"
    EXPORT = "export"
    ERASURE = "erasure"
    RETENTION = "retention"
    DIRECTORY_CHANGE = "directory_change"
    QUALITY_CHANGE = "quality_change"


@dataclass(frozen=True)
class AuditSubject:
    """Whose data a record is: an ``agent``, a ``customer``, or a ``conversation`` looked up by id."""

    kind: str
    id: str


@dataclass
class AuditTrail:
    """The per-request buffer; reads of one's own data, and of bare ids, are not recorded."""

    principal: Principal | None
    request_id: str
    _reads: dict[tuple[str, AuditSubject], set[str]] = field(default_factory=dict)
    _denied: dict[tuple[str, AuditSubject | None], str] = field(default_factory=dict)

    def read(self, object_type: str, subject: AuditSubject, field_object: str) -> None:
        """Record that ``field_object`` of ``subject``'s ``object_type`` record was returned."""
        if self.principal is not None and subject.kind == "agent" and subject.id == self.principal.subject:
            return
        if field_object.endswith((".id", ".externalId")):  # a bare id, global or from the event contract
            return
        self._reads.setdefault((object_type, subject), set()).add(field_object)

    def denied(self, object_type: str, reason: str, subject: AuditSubject | None = None) -> None:
        """Record a refused attempt on ``object_type`` (a field, a record type or an operation)."""
        self._denied.setdefault((object_type, subject), reason)

    def clear(self) -> None:
        """Forget what was written (a WebSocket connection keeps one trail across its operations)."""
        self._reads.clear()
        self._denied.clear()

    def __bool__(self) -> bool:
        return bool(self._reads or self._denied)

    @property
    def has_reads(self) -> bool:
        return bool(self._reads)

    def entries(self, at_us: int) -> list[AuditEntry]:
        """The buffered events as rows, in a stable order."""
        actor = self.principal.subject if self.principal else ""
        roles = ",".join(sorted(self.principal.roles)) if self.principal else ""
        rows: list[AuditEntry] = []
        for (object_type, subject), fields in sorted(self._reads.items(), key=lambda item: (item[0][0], item[0][1].kind, item[0][1].id)):
            rows.append(
                AuditEntry(
                    at_us=at_us, request_id=self.request_id, actor=actor, actor_roles=roles,
                    action=AuditAction.READ, object_type=object_type, subject_kind=subject.kind,
                    subject_id=subject.id, fields=json.dumps(sorted(fields)),
                )
            )
        for (object_type, denied), reason in sorted(self._denied.items(), key=lambda item: (item[0][0], str(item[0][1]))):
            rows.append(
                AuditEntry(
                    at_us=at_us, request_id=self.request_id, actor=actor, actor_roles=roles,
                    action=AuditAction.DENIED, object_type=object_type,
                    subject_kind=denied.kind if denied else None, subject_id=denied.id if denied else None,
                    fields="[]", detail=json.dumps({"reason": reason}, ensure_ascii=False),
                )
            )
        return rows
