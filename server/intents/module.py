"""Durable intents: the intent table and ``coachloop intents sweep``; other features declare the kinds."""

from server.intents.cli import register
from server.intents.models import Intent
from server.kernel.feature import Feature

FEATURE = Feature(name="intents", tables=(Intent,), cli=(register,))
