"""Settings: one object, read from environment variables prefixed ``COACHLOOP_``."""

from functools import lru_cache
from pathlib import Path
import json
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEVELOPMENT_JWT_SECRET = "coachloop-development-secret-not-for-production"
DEVELOPMENT_PSEUDONYM_KEY = "coachloop-development-pseudonym-key"
POLICIES_DIR = Path(__file__).resolve().parent.parent / "policies"


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
    temporal_tls: bool = Field(
        default=False, description="Connect to Temporal with TLS (on by itself when a file below or an API key is set)."
    )
    temporal_tls_ca_file: str = Field(
        default="", description="PEM file of the CA that signed the Temporal server's certificate; empty: system roots."
    )
    temporal_tls_cert_file: str = Field(default="", description="PEM client certificate for mTLS (with the key file).")
    temporal_tls_key_file: str = Field(default="", description="PEM private key of the client certificate.")
    temporal_tls_server_name: str = Field(
        default="", description="Name the server certificate is checked against (and SNI), when not the address's host."
    )
    temporal_api_key: str = Field(default="", description="API key sent as a bearer token (Temporal Cloud); implies TLS.")
    temporal_task_queue: str = Field(default="coachloop", description="Temporal task queue.")
    temporal_command_timeout_seconds: float = Field(
        default=10.0, description="How long a CLI command waits for Temporal before it gives up with one line."
    )
    after_commit_budget_seconds: float = Field(
        default=1.5,
        description="How long a request's answer may wait for its after-commit work (workflow starts); the rest is swept.",
    )
    intent_sweep_seconds: float = Field(
        default=30.0, description="How often the API completes intents left pending (0 turns its sweeper off)."
    )
    temporal_ui_port: int = Field(default=8233, description="Web UI port of the embedded dev server.")
    temporal_port: int = Field(default=7233, description="Frontend gRPC port of the embedded dev server.")
    host: str = Field(default="127.0.0.1", description="Address the API (and the worker's health endpoint) listens on.")
    port: int = Field(default=8000, description="Port the API listens on.")
    worker_health_port: int = Field(
        default=0, description="Port of the worker's /healthz, /readyz and /metrics on COACHLOOP_HOST; 0 serves none."
    )
    shutdown_grace_seconds: float = Field(
        default=5.0, description="After SIGTERM, how long requests and running activities may finish."
    )
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
    qa_dispute_window_days: int = Field(default=7, description="Days an agent may dispute a manual QA review.")
    log_level: str = Field(default="INFO", description="Python logging level.")
    otlp_endpoint: str = Field(
        default="", description="OTLP/HTTP endpoint traces are exported to (e.g. http://collector:4318); empty: off."
    )
    log_format: Literal["json", "text"] = Field(
        default="json", description="Log lines: json (one object per line) or text (for reading in a terminal)."
    )
    # Access control and privacy (server/authz, server/audit, server/retention).
    jwt_secret: str = Field(
        default=DEVELOPMENT_JWT_SECRET,
        description="HS256 signing secret for bearer tokens; the default is refused outside development.",
    )
    jwt_algorithm: str = Field(default="HS256", description="HS256 (shared secret) or RS256 (JWKS URL or PEM).")
    jwt_jwks_url: str = Field(default="", description="RS256: URL of the identity provider's JWKS.")
    jwt_public_key: str = Field(default="", description="RS256: PEM public key, used when no JWKS URL is set.")
    jwt_issuer: str = Field(default="", description="Required `iss` claim; empty means not checked.")
    jwt_audience: str = Field(default="", description="Required `aud` claim; empty means not checked.")
    jwt_leeway_seconds: int = Field(default=30, description="Clock skew tolerated on exp/nbf/iat.")
    jwt_max_lifetime_seconds: int = Field(
        default=24 * 3600,
        description="Longest token lifetime accepted: exp minus iat (minus now when a token has no iat).",
    )
    policies_dir: Path = Field(default=POLICIES_DIR, description="Folder of model.conf, policy.csv, retention.yaml.")
    policy_refresh_seconds: float = Field(
        default=2.0, description="How often a process checks the database for policy changes (0: every request)."
    )
    k_anonymity: int = Field(
        default=3, description="Aggregates over fewer agents are suppressed for roles that may not see individuals."
    )
    pseudonym_key: str = Field(
        default=DEVELOPMENT_PSEUDONYM_KEY,
        description="Key of the stable opaque agent ids shown to analysts; the default is refused outside development.",
    )
    default_page_size: int = Field(default=20, description="Items per page when `first` is not given.")
    max_page_size: int = Field(default=100, description="Largest `first` a list accepts.")
    max_query_depth: int = Field(default=10, description="Deepest selection nesting a GraphQL document may have.")
    max_aliases: int = Field(default=15, description="Most aliases a GraphQL document may use.")
    max_tokens: int = Field(default=2000, description="Most lexical tokens a GraphQL document may have.")
    max_query_cost: int = Field(
        default=20000, description="Largest estimated cost (fields × page sizes) a GraphQL document may have."
    )
    max_body_bytes: int = Field(default=10 * 1024 * 1024, description="Largest HTTP request body accepted.")
    # Transport (server/api): browsers on other origins, compression, persisted queries.
    cors_allowed_origins: Annotated[list[str] | None, NoDecode] = Field(
        default=None,
        description="Origins (scheme://host[:port]) whose pages may call the API; `*` only in development. "
        "Comma-separated or a JSON list. Unset: every origin in development, none elsewhere.",
    )
    gzip_minimum_bytes: int = Field(default=1024, description="Responses at least this large are gzip-compressed.")
    persisted_queries: Literal["automatic", "allowlist", "off"] = Field(
        default="automatic",
        description="automatic: clients may register operations by hash (APQ); allowlist: only operations "
        "registered by admins run; off: hashes are not accepted.",
    )
    # Evaluation and team reviews (server/evaluation).
    review_interval_days: int = Field(
        default=7, ge=1, description="Days between a team's periodic reviews, unless the team has its own schedule."
    )
    evaluation_minimum_items: int = Field(
        default=30, ge=2, description="Values per window the coached agent and each comparison agent need."
    )
    evaluation_minimum_comparison_agents: int = Field(
        default=3, ge=2, description="Comparable agents an evaluation needs; fewer gives too little data."
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown IANA time zone {value!r}") from error
        return value

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _origin_list(cls, value: object) -> object:
        """``a,b`` or ``["a", "b"]`` from the environment; a list as given."""
        if not isinstance(value, str):
            return value
        if value.lstrip().startswith("["):
            return json.loads(value)
        return [origin.strip() for origin in value.split(",") if origin.strip()]

    @model_validator(mode="after")
    def _client_certificate_with_its_key(self) -> "Settings":
        if bool(self.temporal_tls_cert_file) != bool(self.temporal_tls_key_file):
            raise ValueError("COACHLOOP_TEMPORAL_TLS_CERT_FILE and COACHLOOP_TEMPORAL_TLS_KEY_FILE go together")
        return self

    @model_validator(mode="after")
    def _wildcard_origin_only_in_development(self) -> "Settings":
        if self.cors_allowed_origins and "*" in self.cors_allowed_origins and not self.is_development:
            raise ValueError("COACHLOOP_CORS_ALLOWED_ORIGINS may contain * only in development")
        return self

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        """The CORS origins in force: the setting, else every origin (``*``) in development and none elsewhere."""
        if self.cors_allowed_origins is not None:
            return tuple(origin.rstrip("/") for origin in self.cors_allowed_origins)
        return ("*",) if self.is_development else ()

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
