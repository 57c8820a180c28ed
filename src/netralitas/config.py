"""Settings: one class, read from the environment with the NETRALITAS_ prefix.

Every field carries a ``description``: ``docs/settings.md`` is generated from them
(``netralitas settings-doc``) and a test fails when that page is stale.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The built-in secret: good for tests and ``netralitas demo`` only; ``serve`` refuses it.
DEV_SECRET_KEY = "dev-only-secret-change-me"
#: Shortest secret/lookup key ``serve`` accepts (characters).
MIN_KEY_CHARS = 32


def _default_data_dir() -> Path:
    return Path.cwd() / "var"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETRALITAS_", env_file=None, extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Working directory for the embedded database, evidence files, key file and backups "
        "(default: ./var under the current directory).",
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pass@host:5432/db. "
        "Empty means SQLite at data_dir/netralitas.db.",
    )
    secret_key: SecretStr = Field(
        SecretStr(DEV_SECRET_KEY),
        description="Signs session cookies, CSRF tokens and API tokens. Required by `serve`: at least "
        f"{MIN_KEY_CHARS} random characters (the built-in development value is refused).",
    )
    identity_key: SecretStr = Field(
        SecretStr(""),
        description="Encrypts reporter identities at rest (urlsafe base64 of 32 bytes; several keys "
        "separated by commas rotate, newest first). Required by `serve`; empty means a key file under "
        "data_dir (development only).",
    )
    receipt_lookup_key: SecretStr = Field(
        SecretStr(""),
        description="HMAC key of receipt lookup tags and audit search digests. Required by `serve` "
        f"(at least {MIN_KEY_CHARS} characters); empty derives it from secret_key (development only). "
        "Changing it makes existing receipts unfindable.",
    )
    anchor_previous_keys: SecretStr = Field(
        SecretStr(""),
        description="Audit anchor keys of earlier secrets (hex, comma-separated), as printed by "
        "`netralitas audit anchor-key` before secret_key or receipt_lookup_key was rotated: anchors "
        "signed before the rotation still verify. Empty: only the current key.",
    )
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, description="Upper bound for one uploaded evidence file, in bytes."
    )
    max_image_pixels: int = Field(
        24_000_000,
        description="Largest image accepted, in pixels decoded (JPEGs decode at up to 1/8 scale); "
        "checked from the header before decoding.",
    )
    image_decode_budget_mib: int = Field(
        512,
        description="Memory for image decodes running at once in one process, in MiB (more waits its turn).",
    )
    retention_days: int = Field(
        5 * 365, description="How long a closed report is kept before `netralitas purge` removes it, in days."
    )
    secure_cookies: bool = Field(
        True,
        description="Cookies marked Secure (turn off only for plain-http local development and tests).",
    )
    default_language: str = Field("id", description="Default language of the interface (id or en).")
    receipt_hash_time_cost: int = Field(
        1,
        description="Argon2id passes for receipts. A receipt holds 100 random bits (80 behind the lookup "
        "tag), so a light cost keeps guessing hopeless; sizing in docs/privacy.md.",
    )
    receipt_hash_memory_kib: int = Field(
        2048, description="Argon2id memory for receipts, in KiB (see docs/privacy.md for the sizing)."
    )
    password_hash_time_cost: int = Field(
        3, description="Argon2id passes for officer passwords (chosen by people: keep this cost high)."
    )
    password_hash_memory_kib: int = Field(65536, description="Argon2id memory for officer passwords, in KiB.")
    rate_limit_storage: str = Field(
        "memory://",
        description="Where rate-limit counters live: memory:// for one process; database to share "
        "them between the workers of `serve --workers N` through the application's own database "
        "(tables rate_limit_events and rate_limit_counters, no other server); a `limits` storage "
        "URL such as redis://127.0.0.1:6379 to share them between workers and hosts.",
    )
    monitoring_upload_rate: str = Field(
        "10/minute;60/hour",
        description="Media monitoring uploads one officer account may make (`limits` notation, "
        "several windows separated by `;`), counted in rate_limit_storage: every upload counts, "
        "refused ones too.",
    )
    monitoring_upload_client_rate: str = Field(
        "20/minute;120/hour",
        description="Media monitoring uploads from one client address (IPv6: its /64) over all accounts.",
    )
    monitoring_retention_days: int = Field(
        365,
        description="How long a media monitoring batch (its posts and screenings) is kept before "
        "`netralitas pantau clean` removes it, in days. Cases opened from its posts are not affected.",
    )
    web_threads: int = Field(
        4,
        ge=1,
        le=400,
        description="Threads per web worker for the synchronous parts of requests (database reads, "
        "templates; AnyIO's own default is 40). Fewer threads compete less for the interpreter: on "
        "the 2-core test machine the officer queue served ~160-190 views/s with 2-4 threads against "
        "~100-110 with 8-40, submissions no slower, and the fault run (worker killed, database cut) "
        "lost nothing with 4 (docs/operations.md). Every request waiting on the database holds a "
        "thread, so scale with more workers (`serve --workers N`) rather than more threads.",
    )
    trusted_proxies: str = Field(
        "",
        description="Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated, "
        "passed to uvicorn's forwarded_allow_ips). Empty: the peer address is the client.",
    )
    log_format: str = Field(
        "json",
        description="`json`: one JSON object per log line with the request id; `text`: plain lines.",
    )
    db_connect_timeout: int = Field(
        5, description="Seconds to wait for a PostgreSQL connection before answering 503."
    )
    demo_mode: bool = Field(
        False,
        description="Set by `netralitas demo`: /readyz accepts development keys. `serve` ignores it "
        "and always requires real keys.",
    )

    @field_validator("monitoring_upload_rate", "monitoring_upload_client_rate")
    @classmethod
    def _is_rate(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError:
            raise ValueError(f"not a rate such as 10/minute;60/hour: {value!r}") from None
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'netralitas.db'}"

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"


def key_problems(settings: Settings) -> list[str]:
    """The environment variables a production start still needs (empty: all keys are set)."""
    problems = []
    secret = settings.secret_key.get_secret_value()
    if secret == DEV_SECRET_KEY or len(secret) < MIN_KEY_CHARS:
        problems.append("NETRALITAS_SECRET_KEY")
    if not settings.identity_key.get_secret_value().strip():
        problems.append("NETRALITAS_IDENTITY_KEY")
    lookup = settings.receipt_lookup_key.get_secret_value()
    if len(lookup) < MIN_KEY_CHARS or lookup == secret:
        problems.append("NETRALITAS_RECEIPT_LOOKUP_KEY")
    return problems


def get_settings() -> Settings:
    """Build settings from the environment. Not cached: callers hold on to what they need."""
    return Settings()


def settings_reference() -> str:
    """``docs/settings.md``: every setting with its variable, type, default and meaning, generated
    from :class:`Settings` (``netralitas settings-doc``; a test fails when the page is stale)."""
    lines = [
        "# Settings reference",
        "",
        "Generated from `netralitas.config.Settings` by `netralitas settings-doc > docs/settings.md`;",
        "do not edit by hand (`tests/unit/test_settings_doc.py` fails when this page is stale).",
        "Every setting is an environment variable with the `NETRALITAS_` prefix. `netralitas serve`",
        "refuses to start while a key it needs is missing or the development value; see `docs/deploy.md`.",
        "",
        "| Variable | Type | Default | Meaning |",
        "|---|---|---|---|",
    ]
    for name, info in Settings.model_fields.items():
        annotation = getattr(info.annotation, "__name__", str(info.annotation))
        lines.append(
            f"| `NETRALITAS_{name.upper()}` | {annotation} | {_default_text(name, info.default)} "
            f"| {(info.description or '').replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"


def _default_text(name: str, default: object) -> str:
    if isinstance(default, SecretStr):
        return "(development value)" if default.get_secret_value() else "(empty)"
    if name == "data_dir":
        return "`./var`"
    return f"`{default}`" if default not in ("", None) else "(empty)"
