"""The outbox and what its entries become: in-app notifications, webhook endpoints, secrets and deliveries."""

from sqlalchemy import BigInteger, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.columns import id_field, instant_field, label_field, text_field

DEDUP_KEY_LENGTH = 200


class OutboxEntry(SQLModel, table=True):
    """One thing to tell people, written in the transaction of the change it reports (no customer personal data)."""

    __tablename__ = "outbox_entry"

    outbox_id: str = id_field(primary_key=True)
    kind: str = label_field(nullable=False, length=64)
    subject_kind: str = label_field(nullable=False, length=32)
    subject_id: str = id_field()
    payload: str = text_field(nullable=False)
    """JSON text."""
    dedup_key: str | None = Field(default=None, unique=True, sa_type=String(DEDUP_KEY_LENGTH))
    urgent: bool = Field(default=False)
    fallback: bool = Field(default=False)
    """No recipient rule matched; the administrators were addressed instead."""
    created_at_us: int = instant_field(index=True)


class OutboxRecipient(SQLModel, table=True):
    """A recipient of an entry, resolved when the entry was written."""

    __tablename__ = "outbox_recipient"

    outbox_id: str = id_field(primary_key=True)
    user_id: str = id_field(primary_key=True)


class Notification(SQLModel, table=True):
    """An in-app notification: one per outbox entry and recipient."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("outbox_id", "user_id", name="uq_notification_outbox_user"),
        Index("ix_notification_inbox", "user_id", "created_at_us", "notification_id"),
    )

    notification_id: int | None = Field(default=None, primary_key=True, sa_type=BigInteger().with_variant(Integer, "sqlite"))
    outbox_id: str = id_field()
    user_id: str = id_field()
    kind: str = label_field(nullable=False, length=64)
    subject_kind: str = label_field(nullable=False, length=32)
    subject_id: str = id_field()
    payload: str = text_field(nullable=False)
    urgent: bool = Field(default=False)
    created_at_us: int = instant_field()
    read_at_us: int | None = instant_field(nullable=True)


class WebhookEndpoint(SQLModel, table=True):
    """An endpoint administrators configured, and the kinds it receives."""

    __tablename__ = "webhook_endpoint"

    webhook_id: str = id_field(primary_key=True)
    url: str = text_field(nullable=False)
    kinds: str = text_field(nullable=False)
    """JSON list of kinds."""
    description: str | None = text_field()
    active: bool = Field(default=True)
    deleted: bool = Field(default=False)
    created_at_us: int = instant_field()
    updated_at_us: int = instant_field()


class WebhookSecret(SQLModel, table=True):
    """A signing secret (``whsec_<base64>``); every secret not yet expired signs each delivery."""

    __tablename__ = "webhook_secret"

    secret_id: str = id_field(primary_key=True)
    webhook_id: str = id_field(index=True)
    secret: str = text_field(nullable=False)
    created_at_us: int = instant_field()
    expires_at_us: int | None = instant_field(nullable=True)


class WebhookDelivery(SQLModel, table=True):
    """One outbox entry sent to one endpoint for one recipient; its id is the ``webhook-id`` receivers dedupe on."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        UniqueConstraint("outbox_id", "webhook_id", "user_id", name="uq_webhook_delivery_target"),
        Index("ix_webhook_delivery_status", "status", "created_at_us"),
    )

    delivery_id: str = id_field(primary_key=True)
    outbox_id: str = id_field()
    webhook_id: str = id_field(index=True)
    user_id: str = id_field()
    status: str = label_field(nullable=False, length=16)
    """``pending``, ``delivered`` or ``parked``."""
    attempts: int = Field(default=0)
    round: int = Field(default=1)
    """1 for the first series of attempts; an administrator's retry starts the next."""
    not_before_us: int = instant_field()
    last_attempt_at_us: int | None = instant_field(nullable=True)
    last_status_code: int | None = Field(default=None)
    last_error: str | None = text_field()
    created_at_us: int = instant_field()
    delivered_at_us: int | None = instant_field(nullable=True)
