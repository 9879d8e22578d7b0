"""Workflows of the evaluation feature: each team's periodic review."""
