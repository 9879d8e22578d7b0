"""Retention, erasure and export of personal data.

Its batch hook keeps erased customers erased: whatever a (re-)import brings in for
them is erased in the same transaction.
"""

from server.ingestion.hooks import DeclaredHook
from server.kernel.feature import Feature, ScopedRecord
from server.retention.cli import register
from server.retention.models import CustomerErasure
from server.retention.mutations import RetentionMutation
from server.retention.queries import RetentionQuery
from server.retention.service import keep_erased_customers_erased
from workflows.retention.activities import RetentionActivities
from workflows.retention.workflows import ApplyRetentionWorkflow, RetentionScheduleWorkflow

FEATURE = Feature(
    name="retention",
    query=RetentionQuery,
    mutation=RetentionMutation,
    tables=(CustomerErasure,),
    hooks=(DeclaredHook("keep_erased_customers_erased", keep_erased_customers_erased),),
    workflows=(ApplyRetentionWorkflow, RetentionScheduleWorkflow),
    activity_classes=(RetentionActivities,),
    cli=(register,),
    scoped_records=(
        ScopedRecord("Customer", "erase", frozenset({"all"})),
        ScopedRecord("AgentExport", "read", frozenset({"all", "team", "own"})),
    ),
)
