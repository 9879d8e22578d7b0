"""Durable intents: work that must happen after a commit, written in the same transaction, completed once."""
