"""``netralitas evidence-sweep``: files left by a killed submission are removed, files of stored
reports and files younger than the grace period are kept, and the sweep is audited."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from sqlalchemy import Engine, select

from netralitas.cases.dependencies import Kit
from netralitas.cases.reporting import submit_report
from netralitas.db.models import AuditEntry
from netralitas.db.uow import SqlUnitOfWork
from tests.factories import png, report, seed_agencies


def test_sweep_removes_only_old_unreferenced_files(
    cli: Callable[..., tuple[int, str]], make_uow: Callable[[], SqlUnitOfWork], kit: Kit, engine: Engine
) -> None:
    seed_agencies(make_uow, kit)
    submit_report(make_uow(), kit, report(), files=[png()])
    kept = {p.parent.name for p in kit.files.base_dir.rglob("original")}  # type: ignore[attr-defined]
    old = kit.files.put_original(b"%PDF-1.4 left by a killed worker").sha256
    young = kit.files.put_original(b"%PDF-1.4 still on its way").sha256
    path = kit.files.original_path(old)  # type: ignore[attr-defined]
    os.utime(path, (time.time() - 7200, time.time() - 7200))
    assert cli("evidence-sweep", "--dry-run")[1].startswith("1 ")
    code, out = cli("evidence-sweep")
    assert code == 0 and out.startswith("1 "), out
    left = {p.parent.name for p in kit.files.base_dir.rglob("original")}  # type: ignore[attr-defined]
    assert left == kept | {young} and old not in left
    with engine.connect() as conn:
        actions = list(conn.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
    assert actions[-1] == "evidence.swept"
