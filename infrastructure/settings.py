"""Configuration from the environment (``MOTCUA_*``), with working defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", extra="ignore")

    database_url: str = "sqlite:///./motcua.db"
    jwt_secret: str = Field(default="change-me-in-production-please-32b", min_length=16)
    host: str = "127.0.0.1"
    port: int = 8000
    extra_days_off: list[date] = Field(
        default_factory=list, description="JSON list of dates the government gave off"
    )
    make_up_days: list[date] = Field(
        default_factory=list, description="JSON list of official make-up working days"
    )
    store_timeout_seconds: float = 5.0
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
