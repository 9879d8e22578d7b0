"""Metric insights on top of the metrics engine: period comparisons, peaks, rankings, before/after statistics."""
