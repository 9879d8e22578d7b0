"""Webhook delivery: one workflow per delivery and round, attempts with exponential backoff, parking after the last."""
