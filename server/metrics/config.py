"""The settings the stored metric facts depend on; a change means the facts are rebuilt."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from server.config import Settings

FACTS_VERSION = 1
"""Bumped whenever the way facts are computed changes, so stored facts are rebuilt."""

MICROSECONDS = 1_000_000


@dataclass(frozen=True)
class FactsConfig:
    """Time zone of the buckets, repeat window and service-level threshold the facts were built with."""

    timezone: str
    repeat_window_hours: int
    service_level_seconds: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "FactsConfig":
        return cls(settings.timezone, settings.repeat_window_hours, settings.service_level_seconds)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def repeat_window_us(self) -> int:
        return self.repeat_window_hours * 3600 * MICROSECONDS

    @property
    def service_level_us(self) -> int:
        return self.service_level_seconds * MICROSECONDS
