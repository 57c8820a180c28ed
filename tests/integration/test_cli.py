from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from netralitas.cases.dependencies import Kit
from netralitas.cases.officer_actions import open_case
from netralitas.cases.reporting import submit_report
from netralitas.cases.workflow import CaseStatus
from netralitas.config import Settings
from netralitas.db.uow import SqlUnitOfWork
from tests.factories import INTAKE, move, png, report, seed_agencies
from tests.integration.conftest import Raw

MakeUow = Callable[[], SqlUnitOfWork]


def _three_cases(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    for _ in range(3):
        open_case(make_uow(), kit, INTAKE, report())


def test_audit_verify_detects_a_changed_row(cli: Callable[..., tuple[int, str]], make_uow: MakeUow, kit: Kit,
                                            raw: Raw) -> None:  # fmt: skip
    _three_cases(make_uow, kit)
    assert cli("audit", "verify")[0] == 0
    raw.execute("UPDATE audit_entries SET actor_id = 'someone-else' WHERE seq = 2")
    code, out = cli("audit", "verify", "--json")
    assert code == 1 and json.loads(out)["broken_at"] == 2 and json.loads(out)["problem"] == "changed"


def test_audit_verify_detects_a_changed_detail_or_time(cli: Callable[..., tuple[int, str]], make_uow: MakeUow,
                                                       kit: Kit, raw: Raw) -> None:  # fmt: skip
    _three_cases(make_uow, kit)
    raw.execute("UPDATE audit_entries SET at = :at WHERE seq = 3", at="2024-01-01 00:00:00")
    code, out = cli("audit", "verify", "--json")
    assert code == 1 and json.loads(out)["broken_at"] == 3


def test_audit_verify_detects_deleted_rows_in_the_middle_and_at_the_end(
    cli: Callable[..., tuple[int, str]], make_uow: MakeUow, kit: Kit, raw: Raw
) -> None:
    _three_cases(make_uow, kit)
    raw.execute("DELETE FROM audit_entries WHERE seq = (SELECT max(seq) FROM audit_entries)")
    code, out = cli("audit", "verify", "--json")
    assert code == 1 and json.loads(out)["problem"] == "truncated"
    raw.execute("DELETE FROM audit_entries WHERE seq = 2")
    code, out = cli("audit", "verify", "--json")
    assert code == 1 and json.loads(out)["problem"] == "deleted" and json.loads(out)["broken_at"] == 2


def test_overdue_lists_breaches_on_the_given_day(cli: Callable[..., tuple[int, str]], make_uow: MakeUow,
                                                 kit: Kit) -> None:  # fmt: skip
    seed_agencies(make_uow, kit)
    case = open_case(make_uow(), kit, INTAKE, report())
    case = move(make_uow, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    move(make_uow, kit, INTAKE, case, CaseStatus.VERIFICATION)  # 1 Oct 2024 + 7 days
    code, out = cli("cases", "overdue", "--on", "2024-10-08", "--json")
    assert code == 0 and json.loads(out)["items"] == []
    code, out = cli("cases", "overdue", "--on", "2024-10-10", "--json")
    (item,) = json.loads(out)["items"]
    assert (item["case_number"], item["step_id"], item["due_on"], item["days_late"]) == (
        case.number,
        "taskforce_verification",
        "2024-10-08",
        2,
    )
    code, out = cli("cases", "overdue", "--on", "2024-10-10")
    assert code == 0 and case.number in out
    assert cli("cases", "overdue", "--on", "10/10/2024")[0] == 2
    with make_uow() as uow:  # every listing is an export of case data: audited, counted, no rows
        listed = [e for e in uow.audit.iter_all() if e.action == "cases.listed"]
    assert [(e.actor_id, e.detail["purpose"], e.detail["rows"], e.detail["on"]) for e in listed] == [
        ("system", "cli_overdue", 0, "2024-10-08"),
        ("system", "cli_overdue", 1, "2024-10-10"),
        ("system", "cli_overdue", 1, "2024-10-10"),
    ]
    assert cli("audit", "verify")[0] == 0


def test_backup_and_restore_round_trip(cli: Callable[..., tuple[int, str]], make_uow: MakeUow, kit: Kit,
                                       settings: Settings, raw: Raw, tmp_path: Path) -> None:  # fmt: skip
    seed_agencies(make_uow, kit)
    sent = submit_report(make_uow(), kit, report(), files=[png()])
    code, out = cli("backup", str(tmp_path / "bk"))
    if not settings.database_url.startswith("sqlite"):
        assert code == 1 and "pg_dump" in out
        return
    assert code == 0 and (tmp_path / "bk" / "netralitas.db").exists()
    raw.execute("DELETE FROM evidence")
    raw.execute("DELETE FROM reporter_identities")
    assert cli("restore", str(tmp_path / "bk"))[0] == 1  # refuses to overwrite without --force
    assert cli("restore", str(tmp_path / "bk"), "--force")[0] == 0
    assert raw.scalar("SELECT count(*) FROM evidence") == 1
    assert raw.scalar("SELECT case_id FROM reports WHERE id = :i", i=sent.report_id) == sent.case_id
    assert cli("audit", "verify")[0] == 0


def test_purge_and_user_commands(cli: Callable[..., tuple[int, str]], make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    case = open_case(make_uow(), kit, INTAKE, report())
    move(make_uow, kit, INTAKE, case, CaseStatus.DISMISSED, "Bukan pelanggaran netralitas")
    code, out = cli("purge", "--on", date(2024, 10, 31).isoformat(), "--json")
    assert code == 0 and json.loads(out)["cases"] == 0  # retention 30 days from 1 Oct: until 31 Oct
    code, out = cli("purge", "--on", date(2024, 11, 1).isoformat(), "--json")
    assert code == 0 and json.loads(out)["cases"] == 1 and json.loads(out)["reports"] == 1
    code, out = cli("users", "create", "ppk.sleman", "--role", "ppk")
    assert code == 1 and "instansi" in out
    code, out = cli(
        "users", "create", "ppk.sleman", "--role", "ppk", "--agency", "pemda-34.04", "--region", "34.04"
    )
    assert code == 0 and "Kata sandi" in out
    assert cli("users", "create", "ppk.sleman", "--role", "ppk", "--agency", "pemda-34.04")[0] == 1
    code, out = cli("users", "reset-password", "ppk.sleman")
    assert code == 0 and "sekali tampil" in out
    assert cli("users", "deactivate", "ppk.sleman", "--reason", "Pindah tugas")[0] == 0
    assert cli("users", "activate", "ppk.sleman", "--reason", "Kembali")[0] == 0
    code, out = cli("users", "deactivate", "tidak.ada", "--reason", "Pindah tugas")
    assert code == 1 and "tidak ada" in out


def test_users_update_changes_role_and_scope_from_the_version_seen(
    cli: Callable[..., tuple[int, str]], make_uow: MakeUow, kit: Kit
) -> None:
    seed_agencies(make_uow, kit)
    assert cli("users", "create", "satgas.diy", "--role", "taskforce", "--region", "34")[0] == 0
    code, out = cli("users", "show", "satgas.diy")
    assert code == 0 and "taskforce" in out and "versi/version 1" in out
    code, out = cli("users", "update", "satgas.diy", "--role", "ppk", "--reason", "Diangkat PPK")
    assert code == 1 and "instansi" in out  # a PPK needs an agency
    code, out = cli("users", "update", "satgas.diy", "--role", "ppk", "--agency", "pemda-34.04",
                    "--region", "34.04", "--reason", "Diangkat PPK", "--version", "1")  # fmt: skip
    assert code == 0 and "versi 2" in out and "berakhir" in out
    code, out = cli("users", "update", "satgas.diy", "--region", "33", "--reason", "Mutasi", "--version", "1")
    assert code == 1 and "diubah oleh orang lain" in out  # stale: refused, not overwritten
    code, out = cli("users", "update", "satgas.diy", "--role", "supervisor", "--no-agency", "--region", "",
                    "--reason", "Pindah ke BKN")  # fmt: skip
    assert code == 0 and "supervisor" in out
    with make_uow() as uow:
        user = uow.users.by_username("satgas.diy")
        assert user is not None
        entries = uow.audit.for_subject("user", user.id)
    assert (user.role.value, user.region_code, user.agency_id, user.version) == ("supervisor", "", None, 3)
    updates = [e.detail for e in entries if e.action == "user.updated"]
    roles = [(u["before"]["role"], u["after"]["role"]) for u in updates]
    assert roles == [("taskforce", "ppk"), ("ppk", "supervisor")]
    assert all(e.actor_id == "system" for e in entries if e.action in ("user.updated", "user.sessions_ended"))
    assert cli("audit", "verify")[0] == 0
