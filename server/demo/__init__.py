"""Deterministic demo data: a Chinese customer-service organisation and its event stream."""
