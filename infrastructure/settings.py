"""Configuration from the environment (``MOTCUA_*``), with working defaults."""

from __future__ import annotations

from datetime import date

from pydantic import Field
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
