"""The command line on a data folder without a migrated database (e.g. run from the project root
after ``netralitas demo``, whose database lives under ``var/demo``): one bilingual line that says
how to reach the demo's database, no new empty file, no traceback, no half-written backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.db.backup import backup_sqlite


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("NETRALITAS_DATABASE_URL", raising=False)
    monkeypatch.setenv("NETRALITAS_DATA_DIR", str(tmp_path / "var"))
    return CliRunner()


@pytest.mark.parametrize("args", [["cases", "overdue"], ["audit", "verify"], ["purge", "--dry-run"],
                                  ["users", "show", "x"], ["backup"]])  # fmt: skip
def test_read_commands_refuse_a_missing_database_without_creating_it(
    run: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    result = run.invoke(app, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    line = result.output.strip()
    assert "NETRALITAS_DATA_DIR=var/demo" in line and "db upgrade" in line and "belum ada" in line
    assert "\n" not in line and "Traceback" not in line
    assert not (tmp_path / "var" / "netralitas.db").exists()
    assert not (tmp_path / "var" / "backups").exists()


def test_an_empty_database_file_is_refused_by_name_too(run: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    sqlite3.connect(tmp_path / "var" / "netralitas.db").close()
    result = run.invoke(app, ["backup", str(tmp_path / "bk")])
    assert result.exit_code == 1 and "skema kosong" in result.output and "var/demo" in result.output
    assert not (tmp_path / "bk").exists()


def test_backup_of_an_unmigrated_file_leaves_no_folder(tmp_path: Path) -> None:
    from netralitas.errors import ValidationError

    db = tmp_path / "plain.db"
    sqlite3.connect(db).close()
    with pytest.raises(ValidationError, match="audit_head") as caught:
        backup_sqlite(f"sqlite:///{db}", tmp_path / "evidence", tmp_path / "bk")
    assert caught.value.code == "backup_failed" and "migrated" in caught.value.message_en
    assert not (tmp_path / "bk").exists()
    with pytest.raises(ValidationError, match="tidak ada"):
        backup_sqlite(f"sqlite:///{tmp_path / 'none.db'}", tmp_path / "evidence", tmp_path / "bk2")
    assert not (tmp_path / "bk2").exists() and not (tmp_path / "none.db").exists()
