"""Evaluation: whether coaching worked (difference in differences) and the periodic team review."""
