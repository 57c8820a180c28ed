"""Settings: one class, read from the environment with the NETRALITAS_ prefix."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.cwd() / "var"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETRALITAS_", env_file=None, extra="ignore")

    #: Working directory for the embedded database, evidence files and backups.
    data_dir: Path = Field(default_factory=_default_data_dir)
    #: SQLAlchemy URL. Empty means SQLite at ``data_dir / "netralitas.db"``.
    database_url: str = ""
    #: Secret for session cookies and CSRF tokens. Must be set in production.
    secret_key: SecretStr = SecretStr("dev-only-secret-change-me")
    #: Key for encrypting reporter identities at rest (urlsafe base64, 32 bytes).
    #: Empty means a key file under ``data_dir`` is created on first use (dev only).
    identity_key: SecretStr = SecretStr("")
    #: Upper bound for one uploaded evidence file, in bytes.
    max_upload_bytes: int = 10 * 1024 * 1024
    #: Largest image accepted, in pixels decoded (JPEGs decode at up to 1/8 scale); checked before decoding.
    max_image_pixels: int = 24_000_000
    #: Memory for image decodes running at once in one process, in MiB (more waits its turn).
    image_decode_budget_mib: int = 512
    #: How long a closed report is kept before ``netralitas purge`` removes it, in days.
    retention_days: int = 5 * 365
    #: Cookies marked Secure (turn off only for plain-http local development and tests).
    secure_cookies: bool = True
    #: Default language of the interface.
    default_language: str = "id"
    #: Argon2 cost for receipts (tests lower it).
    receipt_hash_time_cost: int = 3
    receipt_hash_memory_kib: int = 65536
    receipt_lookup_key: SecretStr = SecretStr("")  # HMAC key for receipt lookup tags; empty: from secret_key

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'netralitas.db'}"

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"


def get_settings() -> Settings:
    """Build settings from the environment. Not cached: callers hold on to what they need."""
    return Settings()
