"""Durable intents: the intent table and ``coachloop intents sweep``; other features declare the kinds."""

from server.intents.commands import register
from server.kernel.feature import Feature, Ref

FEATURE = Feature(name="intents", tables=(Ref("server.intents.models:Intent"),), cli=(register,))
