"""Retention, erasure and export of personal data.

Importing the package keeps erased customers erased: its hook runs inside every
ingestion batch (server/ingestion/hooks.py).
"""

from server.ingestion.hooks import BATCH_HOOKS
from server.retention.service import keep_erased_customers_erased

if keep_erased_customers_erased not in BATCH_HOOKS:
    BATCH_HOOKS.append(keep_erased_customers_erased)
