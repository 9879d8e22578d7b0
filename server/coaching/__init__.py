"""Coaching: rules-driven remediation, training paths, script templates, coaching plans and tasks."""
