"""Persisted queries: automatic (APQ, by hash) for every client, or an allow-list registered by admins."""
