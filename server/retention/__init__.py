"""Retention, erasure and export of personal data (its batch hook is declared in module.py)."""
