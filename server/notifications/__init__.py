"""Notifications: one durable outbox, written with the change it reports, delivered in-app and to webhooks."""
