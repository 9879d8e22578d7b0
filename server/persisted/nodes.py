"""Persisted queries found by global id."""

from server.kernel.relay import NodeType
from server.persisted.queries import load_persisted_query_node

PERSISTED_QUERY_NODE = NodeType("PersistedQuery", load_persisted_query_node)
