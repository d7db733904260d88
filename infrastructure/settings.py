"""Configuration from the environment (``MOTCUA_*``), with working defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", extra="ignore")

    database_url: str = "sqlite:///./motcua.db"
    direct_url: str | None = Field(
        default=None,
        description="PostgreSQL: a direct connection (no pooler) for the projections' "
        "session advisory locks and LISTEN, which do not survive a pooler in transaction "
        "mode. Default: the database URL",
    )
    transaction_pooler: bool = Field(
        default=False,
        description="MOTCUA_DATABASE_URL (and MOTCUA_REPLICA_URL) go through a pooler in "
        "transaction mode (pgbouncer): no statement cache, no session settings at connect "
        "(set lock_timeout and statement_timeout on the role: deploy/postgresql/roles.sql)",
    )
    replica_url: str | None = Field(
        default=None,
        description="A streaming replica of the database: queries answered by read models are "
        "served from it once it replayed what they must see (else from the primary)",
    )
    run_projections: bool = Field(
        default=True,
        description="Run the projections and the outbound relays (broker, webhooks, portal, "
        "notices, permit issuer) in the server process. False for API-only nodes "
        "(`motcua serve --no-projections`): `motcua projections run` runs them elsewhere",
    )
    jwt_secret: str = Field(default="change-me-in-production-please-32b", min_length=16)
    blob_url: str | None = None
    """Where dossiers' files live: s3://bucket, file:///folder; default a folder beside
    the SQLite database."""
    s3_endpoint_url: str | None = None
    jwks_url: str | None = None
    """The identity provider's key set: RS256/ES256 tokens then, and no HS256 ones."""
    host: str = "127.0.0.1"
    port: int = 8000
    extra_days_off: list[date] = Field(
        default_factory=list, description="JSON list of dates the government gave off"
    )
    make_up_days: list[date] = Field(
        default_factory=list, description="JSON list of official make-up working days"
    )
    store_timeout_seconds: float = 5.0
    form_workers: int = Field(
        default=2,
        ge=0,
        description="Processes that render the forms (PDF) a command issues, beside each API "
        "process, which waits on them without holding its interpreter. 0: rendered in a "
        "thread of the API process (docs/performance.md, Form workers)",
    )
    allow_unsafe_durability: bool = Field(
        default=False,
        description="Start even on a store that would lose acknowledged commits in a crash "
        "(fsync or synchronous_commit off, SQLite not WAL + synchronous=FULL): benchmarks only",
    )
    projection_poll_seconds: float = Field(
        default=0.5, gt=0, description="How often projections look for new events unnotified"
    )
    projection_batch_size: int = Field(default=500, ge=1)
    read_wait_seconds: float = Field(
        default=0.5,
        ge=0,
        description="How long a query answered by a read model waits for it to include what "
        "was committed before the query (read your writes); then it answers as the view is",
    )
    master_key: SecretStr | None = Field(
        default=None,
        description="Base64 of 32 random bytes; wraps every person's key. Unset with SQLite: "
        "a key file is made (mode 0600) in the key directory",
    )
    key_directory: Path | None = Field(
        default=None,
        description="Holds the generated master key and the erasure ledger; keep it out of "
        "database backups. Default: the SQLite file's directory, else ./motcua-keys",
    )
    oidc_issuer: str | None = Field(
        default=None,
        description="The province's OpenID Connect issuer URL; set it (and the client id) to "
        "offer officers a sign-in through it on the staff pages",
    )
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    payment_secret: SecretStr | None = Field(
        default=None,
        description="The secret shared with the payment gateway: its notices "
        "(POST /api/v1/payments/notify) carry the hex HMAC-SHA256 of their body under it in "
        "X-Payment-Signature. Unset: every notice is refused (401)",
    )
    broker_url: SecretStr | None = Field(
        default=None,
        description="amqp://user:password@host:5672/vhost: publish every committed event to "
        "RabbitMQ (topic exchange motcua.events). Unset: nothing is published",
    )
    broker_exchange: str = Field(
        default="motcua.events", min_length=1, description="The topic exchange published to"
    )
    checkpoint_key: SecretStr | None = Field(
        default=None,
        description="Base64 of a 32-byte Ed25519 seed that signs the audit chain's "
        "checkpoints. Unset: derived from the master key (HKDF), itself outside the database",
    )
    checkpoint_seconds: float = Field(
        default=3600.0,
        ge=0,
        description="How often the chain's head is signed and published (0: only on demand)",
    )
    webhook_allow: str = Field(
        default="",
        description="Comma-separated host names and CIDR ranges webhooks may be delivered to "
        "although they are loopback, private or reserved (none by default)",
    )
    webhook_attempts: int = Field(
        default=8, ge=1, description="Attempts per event before a webhook dead-letters it"
    )
    webhook_retry_seconds: float = Field(
        default=2.0, gt=0, description="The first wait between attempts; it doubles each time"
    )
    webhook_max_retry_seconds: float = Field(
        default=900.0, gt=0, description="The longest wait between attempts"
    )
    webhook_timeout_seconds: float = Field(
        default=10.0, gt=0, description="How long a subscriber has to answer one delivery"
    )
    portal_url: str | None = Field(
        default=None,
        description="The national portal's integration base URL (Cổng DVCQG: POST <url>/auth, "
        "<url>/integration); unset: no dossier is pushed",
    )
    portal_user: str = Field(default="", description="The portal account's username")
    portal_password: SecretStr = Field(default=SecretStr(""), description="Its password")
    portal_timeout_seconds: float = Field(default=10.0, gt=0, description="Per portal call")
    portal_retry_seconds: float = Field(
        default=5.0,
        gt=0,
        description="First wait before a failed dossier is pushed again "
        "(doubling each time, up to 30 minutes)",
    )
    smtp_url: str | None = Field(
        default=None,
        description="Citizens' notices by e-mail: smtp://[user:password@]host[:port] (smtps:// "
        "for TLS); unset: no e-mail is sent",
    )
    smtp_from: str = Field(default="motcua@localhost", description="The notices' From address")
    sms_url: str | None = Field(
        default=None, description="Citizens' notices by SMS: the gateway's POST URL; unset: none"
    )
