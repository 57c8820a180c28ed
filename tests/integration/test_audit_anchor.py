"""The audit chain proves it was not cut: a signed anchor kept outside the database, a missing
head, records without their creation entry, and backups whose chain ends before their manifest
(SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection

from netralitas.cases import audit
from netralitas.cases.dependencies import Kit
from netralitas.cases.officer_actions import open_case
from netralitas.cases.reporting import submit_report
from netralitas.config import Settings
from netralitas.db.uow import SqlUnitOfWork
from tests.factories import INTAKE, report, seed_agencies
from tests.integration.conftest import Raw

MakeUow = Callable[[], SqlUnitOfWork]
Cli = Callable[..., tuple[int, str]]


def _cases(make_uow: MakeUow, kit: Kit, n: int = 3) -> None:
    seed_agencies(make_uow, kit)
    for _ in range(n):
        open_case(make_uow(), kit, INTAKE, report())


def _verify(cli: Cli, *args: str) -> tuple[int, dict[str, object]]:
    code, out = cli("audit", "verify", "--json", *args)
    return code, json.loads(out.strip().splitlines()[-1]) if out.strip().startswith("{") else {"out": out}


def _cut_tail_and_rewrite_head(raw: Raw, keep: int) -> None:
    """What an insider would do: drop the newest entries and make the head point at the new end."""
    raw.execute("DELETE FROM audit_entries WHERE seq > :keep", keep=keep)
    raw.execute(
        "UPDATE audit_head SET seq = :keep, "
        "hash = (SELECT hash FROM audit_entries WHERE seq = :keep) WHERE id = 1",
        keep=keep,
    )


def _list_reads(make_uow: MakeUow, kit: Kit, n: int) -> None:
    for _ in range(n):
        with make_uow() as uow:
            audit.record(uow, kit, "u-satgas", "cases.listed", "case", "", {"rows": 3})
            uow.commit()


def test_cut_tail_with_a_rewritten_head_is_caught_only_by_the_anchor(
    cli: Cli, make_uow: MakeUow, kit: Kit, raw: Raw, tmp_path: Path
) -> None:
    _cases(make_uow, kit)
    _list_reads(make_uow, kit, 3)  # the newest entries record who read which lists
    anchors = tmp_path / "anchors.txt"
    code, line = cli("audit", "anchor", "-o", str(anchors))
    assert code == 0 and line.startswith("netralitas-audit-anchor/1 seq=")
    seq = int(line.split("seq=")[1].split()[0])
    head = f"{seq}:{line.split('hash=')[1].split()[0]}"
    assert _verify(cli, "--anchor", str(anchors))[0] == 0
    assert _verify(cli, "--expect-head", head)[0] == 0
    _cut_tail_and_rewrite_head(raw, seq - 3)  # hide who read the lists
    assert _verify(cli)[0] == 0  # without an anchor the shorter chain looks fine
    code, result = _verify(cli, "--anchor", str(anchors))
    assert code == 1 and result["problem"] == "truncated"
    code, result = _verify(cli, "--expect-head", head)
    assert code == 1 and result["problem"] == "truncated"


def test_a_forged_or_malformed_anchor_is_refused(
    cli: Cli, make_uow: MakeUow, kit: Kit, tmp_path: Path
) -> None:
    _cases(make_uow, kit, 1)
    code, line = cli("audit", "anchor")
    forged = tmp_path / "forged.txt"
    forged.write_text(line.replace("seq=", "seq=9"))
    code, out = cli("audit", "verify", "--anchor", str(forged))
    assert code == 2 and "tanda tangan" in out
    assert cli("audit", "verify", "--expect-head", "12:xyz")[0] == 2


def test_missing_head_fails_when_entries_or_cases_exist(
    cli: Cli, make_uow: MakeUow, kit: Kit, raw: Raw
) -> None:
    _cases(make_uow, kit)
    raw.execute("DELETE FROM audit_head")
    code, result = _verify(cli)
    assert code == 1 and result["problem"] == "head_missing"
    raw.execute("DELETE FROM audit_entries")  # every entry and the head gone: used to say ok
    code, result = _verify(cli)
    assert code == 1 and result["problem"] == "head_missing"


def test_cases_without_their_creation_entry_fail(cli: Cli, make_uow: MakeUow, kit: Kit, raw: Raw) -> None:
    _cases(make_uow, kit)
    assert audit.verify_trail(make_uow(), kit).ok
    _cut_tail_and_rewrite_head(raw, 1)  # the chain and head agree again, but cases 2 and 3 lost theirs
    result = audit.verify_trail(make_uow(), kit)
    assert not result.ok and result.problem == "unaudited"
    assert "tanpa entri audit" in result.message


def test_restore_refuses_a_backup_whose_chain_was_cut(
    cli: Cli, make_uow: MakeUow, kit: Kit, settings: Settings, tmp_path: Path
) -> None:
    _cases(make_uow, kit)
    target = tmp_path / "bk"
    code, out = cli("backup", str(target))
    if not settings.database_url.startswith("sqlite"):
        assert code == 1 and "pg_dump" in out
        return
    assert code == 0 and "netralitas-audit-anchor/1" in out
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["audit_anchor"].startswith("netralitas-audit-anchor/1 seq=")
    assert (target.stat().st_mode & 0o777) == 0o700
    assert {(p.stat().st_mode & 0o777) for p in target.rglob("*") if p.is_file()} == {0o600}
    copy = Raw(_engine_for(target / "netralitas.db"))
    _cut_tail_and_rewrite_head(copy, 2)
    copy.engine.dispose()
    code, out = cli("restore", str(target), "--force")
    assert code == 1 and "backup_chain_cut" in out


def _engine_for(path: Path) -> object:
    from netralitas.db.engine import create_db_engine

    return create_db_engine(f"sqlite:///{path}")


def test_a_head_read_under_the_lock_is_not_reused_after_its_transaction(make_uow: MakeUow, kit: Kit) -> None:
    """The audit repository keeps the head it locked for the rest of that transaction only:
    after a commit, entries appended meanwhile by another connection are chained onto."""
    first, other = make_uow(), make_uow()
    with first:
        audit.record(first, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 1})
        audit.record(first, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 2})
        first.commit()
        with other:
            audit.record(other, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 3})
            other.commit()
        entry = audit.record(first, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 4})
        first.commit()
    assert entry.seq == 4
    report = audit.verify_trail(make_uow(), kit)
    assert report.ok, report.message_en
    assert report.entries == 4


def test_public_reports_without_their_creation_entry_are_counted(
    make_uow: MakeUow, kit: Kit, raw: Raw
) -> None:
    """``report.submitted`` names the report as subject and the case in its detail: cutting it
    leaves both unaudited, and the message counts them (found by the store, not in memory)."""
    seed_agencies(make_uow, kit)
    with make_uow() as uow:
        before = (uow.audit.head() or (0, ""))[0]
    for _ in range(3):
        submit_report(make_uow(), kit, report())
    assert audit.verify_trail(make_uow(), kit).ok
    _cut_tail_and_rewrite_head(raw, before + 1)  # the first report keeps its entry
    result = audit.verify_trail(make_uow(), kit)
    assert not result.ok and result.problem == "unaudited"
    assert result.message.startswith("4 data tanpa entri audit") and result.message_en.startswith("4 records")


class _CountingUow(SqlUnitOfWork):
    """Counts the record ids verify reads itself (the check must not hold them all)."""

    taken = 0

    def _bind(self, c: Connection) -> None:
        super()._bind(c)
        for repo in (self.cases, self.reports):
            ids = repo.ids

            def counted(ids: Callable[[], Iterator[str]] = ids) -> Iterator[str]:
                for found in ids():
                    _CountingUow.taken += 1
                    yield found

            repo.ids = counted  # type: ignore[method-assign]


def test_verify_does_not_read_every_record_id(make_uow: MakeUow, kit: Kit) -> None:
    _cases(make_uow, kit, n=4)
    uow = _CountingUow(make_uow().engine)
    assert audit.verify_trail(uow, kit).ok
    assert _CountingUow.taken <= 2  # at most whether any case or report exists


def test_anchors_signed_before_a_key_rotation_verify_with_the_kept_key(
    cli: Cli, make_uow: MakeUow, kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cases(make_uow, kit)
    anchors = tmp_path / "anchors.txt"
    assert cli("audit", "anchor", "-o", str(anchors))[0] == 0
    code, out = cli("audit", "anchor-key")
    kept = next(line for line in out.splitlines() if line.startswith("kid="))
    assert code == 0 and kept.split()[0] in anchors.read_text()
    monkeypatch.setenv("NETRALITAS_SECRET_KEY", "rotated-" + "r" * 40)  # the anchor key derives from it
    code, result = _verify(cli, "--anchor", str(anchors))
    assert code == 2 and "NETRALITAS_ANCHOR_PREVIOUS_KEYS" in result["out"]
    monkeypatch.setenv("NETRALITAS_ANCHOR_PREVIOUS_KEYS", kept.split("key=")[1])
    code, result = _verify(cli, "--anchor", str(anchors))
    assert code == 0 and result["ok"] is True


@pytest.mark.parametrize("keep", [True, False])
def test_appends_inside_a_savepoint_are_chained_onto_only_when_kept(
    make_uow: MakeUow, kit: Kit, keep: bool
) -> None:
    uow = make_uow()
    with uow:
        audit.record(uow, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 1})
        savepoint = uow._current().begin_nested()
        audit.record(uow, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 2})
        savepoint.commit() if keep else savepoint.rollback()
        entry = audit.record(uow, kit, "u-satgas", "cases.listed", "case", "*", {"rows": 3})
        uow.commit()
    assert entry.seq == (3 if keep else 2)
    assert audit.verify_trail(make_uow(), kit).ok
