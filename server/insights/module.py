"""Insights on the metrics: period comparisons, peaks, rankings, before/after statistics."""

from server.kernel.feature import Feature, Ref

FEATURE = Feature(name="insights", query=Ref("server.insights.queries:InsightsQuery"))
