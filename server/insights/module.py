"""Insights on the metrics: period comparisons, peaks, rankings, before/after statistics."""

from server.insights.queries import InsightsQuery
from server.kernel.feature import Feature

FEATURE = Feature(name="insights", query=InsightsQuery)
