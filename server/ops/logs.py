"""Logging: one format for the app, uvicorn and the libraries; JSON lines by default.

Every record logged while an HTTP request is served carries that request's id, and
once known its principal's subject, GraphQL operation name and trace id (``RequestLog``, kept in
a context variable by the access log middleware). Casbin logs its whole model and
policy at INFO when the process builds its first enforcer (and then disables its own
loggers); those records are demoted to DEBUG, so they show only at DEBUG.
"""

import logging
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from server.config import Settings

REQUEST_FIELDS = ("request_id", "subject", "operation", "trace_id")
EXTRA_FIELDS = ("method", "path", "status", "duration_ms", *REQUEST_FIELDS)


@dataclass
class RequestLog:
    """What the log lines of one request share; filled in as the request is served."""

    request_id: str
    subject: str | None = None
    operation: str | None = None
    trace_id: str | None = None
    """The request's trace (32 hex digits) while tracing is on."""


CURRENT_REQUEST: ContextVar[RequestLog | None] = ContextVar("coachloop_request", default=None)


class RequestFields(logging.Filter):
    """Adds the current request's id, subject and operation to records that do not carry them."""

    def filter(self, record: logging.LogRecord) -> bool:
        current = CURRENT_REQUEST.get()
        if current is not None:
            for name in REQUEST_FIELDS:
                if getattr(record, name, None) is None:
                    setattr(record, name, getattr(current, name))
        return True


class CasbinAtDebug(logging.Filter):
    """Casbin's model and policy dumps (INFO in the library) become DEBUG records, dropped above DEBUG."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("casbin.") and record.levelno == logging.INFO:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return record.levelno >= self.level


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, the request fields, and any exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in EXTRA_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class TextFormatter(logging.Formatter):
    """The human-readable form: time, level, logger, message, then the request fields as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        fields = [f"{name}={getattr(record, name)}" for name in EXTRA_FIELDS if getattr(record, name, None) is not None]
        return f"{text} [{' '.join(fields)}]" if fields else text


class CoachloopHandler(logging.StreamHandler):
    """The root handler ``configure_logging`` installs (recognised, so a second call replaces it)."""


def configure_logging(settings: Settings) -> None:
    """Send every logger's records to stderr in the configured format (``json`` or ``text``) and level."""
    level = logging.getLevelName(settings.log_level.upper())
    level = level if isinstance(level, int) else logging.INFO
    handler = CoachloopHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else TextFormatter())
    handler.addFilter(RequestFields())
    handler.addFilter(CasbinAtDebug(level))
    root = logging.getLogger()
    for existing in [h for h in root.handlers if isinstance(h, CoachloopHandler)]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("casbin").setLevel(logging.DEBUG if level <= logging.DEBUG else logging.WARNING)
