"""Redaction of personal values for roles whose policy says ``masked``."""

from collections.abc import Callable
from typing import Any

Mask = Callable[[Any], Any]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``: three leading and four trailing characters stay."""
    if len(value) > 7:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    return "*" * max(len(value) - 2, 1) + value[-2:] if len(value) > 2 else "*" * len(value)


def mask_email(value: str) -> str:
    """``zhang@example.com`` → ``z***@example.com``."""
    local, at, domain = value.partition("@")
    if not at or not local:
        return "***"
    return f"{local[0]}***@{domain}"


def mask_name(value: str) -> str:
    """``张三`` → ``张*``: the first character stays, every other becomes ``*``."""
    if not value:
        return value
    return value[0] + "*" * max(len(value) - 1, 1)


def mask_to_none(_value: Any) -> None:
    """The default for a masked field with no redaction of its own: no value at all."""
    return None
