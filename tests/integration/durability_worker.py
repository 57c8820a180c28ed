"""Submits reports forever and prints each report id once its transaction has committed.

Run by test_durability.py, which SIGKILLs it at random moments. Arguments: database URL,
data directory, identity key."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.reporting import submit_report
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db.engine import create_db_engine
from netralitas.db.uow import SqlUnitOfWork


def main() -> None:
    url, data_dir, key = sys.argv[1:4]
    settings = Settings(data_dir=Path(data_dir), database_url=url, identity_key=key,  # type: ignore[arg-type]
                        receipt_hash_time_cost=1, receipt_hash_memory_kib=8,
                        password_hash_time_cost=1, password_hash_memory_kib=8)  # fmt: skip
    kit = build_kit(settings, screening=False)  # the model loads in seconds per process; the
    # screening row shares the report's transaction, so the kill points are the same
    engine = create_db_engine(url)
    fields = {"description": "Lurah membagikan ajakan memilih calon di grup WhatsApp warga.",
              "act_on": date(2024, 10, 2), "region_code": "34.04", "person_name": "Joko Purnomo"}  # fmt: skip
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        reporter = {"anonymous": False, "reporter": {"name": f"Pelapor {n}"}} if n % 2 else {}
        sent = submit_report(SqlUnitOfWork(engine), kit, parse_report_submission(fields | reporter))
        print(sent.report_id, flush=True)


if __name__ == "__main__":
    main()
