"""The metrics engine: fact tables kept current by an ingestion batch hook (declared in module.py), and the query layer."""
