from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from netralitas.outreach.ports import OutreachUnitOfWork
from tests.outreach.conftest import SLEMAN
from tests.outreach.rosterdata import csv_bytes, nip, person

Cli = Callable[..., tuple[int, str]]


def test_roster_import_export_and_brief_from_the_command_line(
    make_uow: Callable[[], OutreachUnitOfWork],
    cli: Cli,
    tmp_path: Path,
) -> None:
    roster = tmp_path / "daftar.csv"
    roster.write_bytes(csv_bytes(person(1), "Salah;1985;DISDIK;Guru;PNS;;", person(2, "KEC-DEPOK")))
    code, out = cli("roster", "import", str(roster), "--agency", SLEMAN.id)
    assert code == 2 and "baris 3: [nip]" in out and "Tidak ada yang diterapkan" in out
    code, out = cli("roster", "import", str(roster), "--agency", SLEMAN.id, "--dry-run", "--json")
    assert json.loads(out)["inserted"] == 2 and not json.loads(out)["applied"]
    code, out = cli("roster", "import", str(roster), "--agency", SLEMAN.id, "--valid-only")
    assert code == 0 and "Diterapkan" in out
    exported = tmp_path / "keluar.csv"
    code, _ = cli("roster", "export", "--agency", SLEMAN.id, "--out", str(exported))
    lines = exported.read_text().splitlines()
    assert code == 0 and len(lines) == 3 and nip(2) in lines[2]
    code, out = cli("brief", "--election", "pilkada-2024", "--region", "34.04", "--on", "2024-11-25",
                    "--pdf", str(tmp_path / "apel.pdf"))  # fmt: skip
    assert code == 0 and "Masa tenang" in out and (tmp_path / "apel.pdf").read_bytes().startswith(b"%PDF")
    code, out = cli("region", "incumbent", "34.04")
    code, out = cli("region", "index", "--json")
    row = json.loads(out)[0]
    assert (row["region"], row["asn"], row["incumbent_runs"]) == ("34.04", 2, True)
    assert row["factors"]["incumbent"] == 1.0
