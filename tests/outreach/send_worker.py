"""A sending worker in its own process, for the kill test: sends the given keys, slowly."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from netralitas.clock import FixedClock
from netralitas.config import Settings
from netralitas.db.engine import create_db_engine
from netralitas.sending.jobs import Sender, build_huey
from netralitas.sending.settings import SendingSettings


def main() -> None:
    url, port, data_dir, keys = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4].split(",")
    settings = Settings(data_dir=data_dir, secret_key="rahasia-uji")  # type: ignore[arg-type]
    sending = SendingSettings(smtp_port=port)
    clock = FixedClock(datetime(2024, 10, 7, 3, 0, tzinfo=UTC))
    sender = Sender(create_db_engine(url), settings, sending, clock, build_huey(settings, sending))
    print("ready", flush=True)
    sender.send_keys(keys)


if __name__ == "__main__":
    main()
