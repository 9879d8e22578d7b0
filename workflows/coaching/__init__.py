"""Coaching workflows: one per plan to its evaluation date, and the periodic rules sweep."""
