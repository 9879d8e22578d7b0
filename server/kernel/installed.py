"""The application's feature list, for the few low layers that must read it without importing it.

``server/features.py`` imports every feature, and every feature imports ingestion and
authorization; so ingestion's hook runner and the policy's record-type check cannot
import the list at module top. They call ``installed_features()``, which imports it on
first use. This is the one place where a lower layer reaches the composition root, so
that a plain ``ingest_events`` call in a fresh interpreter runs the same hooks as the API.
"""

import importlib
from collections.abc import Sequence

from server.kernel.feature import Feature

FEATURE_LIST_MODULE = "server.features"


def installed_features() -> Sequence[Feature]:
    """``server.features.FEATURES``, imported on first use."""
    features: Sequence[Feature] = importlib.import_module(FEATURE_LIST_MODULE).FEATURES
    return features
