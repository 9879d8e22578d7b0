"""Settings: one object, read from environment variables prefixed ``COACHLOOP_``."""

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of the service; the README lists them with their defaults."""

    model_config = SettingsConfigDict(env_prefix="COACHLOOP_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./var/coachloop.db",
        description="SQLAlchemy URL: sqlite:///path or postgresql://user@host/db.",
    )
    timezone: str = Field(
        default="UTC",
        description="IANA time zone of the organisation; all hour/day/week/month buckets use it.",
    )
    temporal_address: str = Field(
        default="",
        description="host:port of a Temporal frontend; empty means the embedded dev server.",
    )
    temporal_namespace: str = Field(default="default", description="Temporal namespace.")
    temporal_task_queue: str = Field(default="coachloop", description="Temporal task queue.")
    temporal_ui_port: int = Field(default=8233, description="Web UI port of the embedded dev server.")
    temporal_port: int = Field(default=7233, description="Frontend gRPC port of the embedded dev server.")
    host: str = Field(default="127.0.0.1", description="Address the API listens on.")
    port: int = Field(default=8000, description="Port the API listens on.")
    environment: str = Field(
        default="development",
        description="development or production; GraphiQL and introspection only in development.",
    )
    demo: bool = Field(default=True, description="Load the demo organisation into an empty database at start.")
    demo_conversations: int = Field(default=3000, description="Size of the demo organisation's event stream.")
    demo_seed: int = Field(default=20261120, description="Seed of the demo generator (same seed, same events).")
    var_dir: Path = Field(default=Path("./var"), description="Folder for embedded state (SQLite, Temporal).")
    ingest_batch_size: int = Field(default=5000, description="Events written per transaction on import.")
    repeat_window_hours: int = Field(default=168, description="Repeat/FCR window after a conversation ends.")
    service_level_seconds: int = Field(default=30, description="Service-level answer threshold in seconds.")
    log_level: str = Field(default="INFO", description="Python logging level.")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown IANA time zone {value!r}") from error
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_development(self) -> bool:
        return self.environment == "development"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
