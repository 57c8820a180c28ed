"""Settings of sending, read from the environment with the NETRALITAS_ prefix."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class SendingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETRALITAS_", env_file=None, extra="ignore")

    #: Empty: an embedded SQLite queue under the data directory; ``redis://host:port/db`` for many workers.
    queue_url: str = ""
    #: The queue's name in Redis (installations sharing one Redis keep apart by name).
    queue_name: str = "netralitas-outreach"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_sender: str = "netralitas@localhost"
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = False
    #: Where acknowledgement links point (the public address of the web app).
    public_base_url: str = "http://127.0.0.1:8000"
    #: Messages one queue task sends over one SMTP connection.
    batch_size: int = 200
    #: Who screens uploaded monitoring batches: "web" (a thread of the web process: nothing else
    #: to run, fits the embedded SQLite default) or "queue" (the huey queue above, served by
    #: ``netralitas pantau worker``).
    monitoring_runner: str = "web"
