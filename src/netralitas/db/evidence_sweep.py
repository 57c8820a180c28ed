"""Evidence files no stored report refers to.

A report writes its files before its transaction (``cases.reporting._put_files``) and takes
them back when the transaction fails before its commit. A process killed in between (SIGKILL,
power loss), or a commit whose outcome the database never confirmed, can still leave a file
without a row. ``netralitas evidence-sweep`` finds such files and removes them; files younger
than a grace period are left alone, since their report may still be on its way to the database.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import Engine, select

from netralitas.db.models import Evidence

ORIGINAL_NAME = "original"


def unreferenced_files(engine: Engine, evidence_dir: Path, grace_seconds: float) -> list[str]:
    """SHA-256 of stored originals without an evidence row, older than ``grace_seconds``."""
    with engine.connect() as conn:
        referenced = set(conn.execute(select(Evidence.sha256).distinct()).scalars())
    now = time.time()
    found = []
    for original in sorted(evidence_dir.glob(f"*/*/*/{ORIGINAL_NAME}")):
        sha256 = original.parent.name
        if sha256 in referenced:
            continue
        try:
            age = now - original.stat().st_mtime
        except FileNotFoundError:
            continue
        if age >= grace_seconds:
            found.append(sha256)
    return found
