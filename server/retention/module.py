"""Retention, erasure and export of personal data.

Its batch hook keeps erased customers erased: whatever a (re-)import brings in for
them is erased in the same transaction.
"""

from server.kernel.feature import DeclaredHook, Feature, Ref, ScopedRecord
from server.retention.commands import register

FEATURE = Feature(
    name="retention",
    query=Ref("server.retention.queries:RetentionQuery"),
    mutation=Ref("server.retention.mutations:RetentionMutation"),
    tables=(Ref("server.retention.models:CustomerErasure"),),
    hooks=(DeclaredHook("keep_erased_customers_erased", Ref("server.retention.service:keep_erased_customers_erased")),),
    workflows=(
        Ref("workflows.retention.workflows:ApplyRetentionWorkflow"),
        Ref("workflows.retention.workflows:RetentionScheduleWorkflow"),
    ),
    activity_classes=(Ref("workflows.retention.activities:RetentionActivities"),),
    cli=(register,),
    scoped_records=(
        ScopedRecord("Customer", "erase", frozenset({"all"})),
        ScopedRecord("AgentExport", "read", frozenset({"all", "team", "own"})),
    ),
)
