"""Letters of a case from the case page and the command line, opened and read back."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine, select

from netralitas.cases.accounts import create_user
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import UserCreate
from netralitas.cases.roles import Role
from netralitas.config import Settings
from netralitas.db import models as m
from netralitas.db.uow import SqlUnitOfWork
from tests.integration.oversight_helpers import seed, web_client
from tests.web.helpers import csrf_from, login, parse

CASES = m.Case.__table__


def _case(engine: Engine, *statuses: str, with_findings: bool = False) -> tuple[str, str]:
    """The first case of ``status`` in Jawa Tengah (optionally one whose assessment found a rule)."""
    assessed = m.Assessment.__table__
    with engine.connect() as conn:
        rows = conn.execute(
            select(CASES.c.id, CASES.c.number)  # type: ignore[attr-defined]
            .where(CASES.c.status.in_(statuses), CASES.c.region_code >= "33", CASES.c.region_code < "33/")  # type: ignore[attr-defined]
            .order_by(CASES.c.number)  # type: ignore[attr-defined]
        ).all()
        found = {c for c, rules in conn.execute(select(assessed.c.case_id, assessed.c.rule_ids)) if rules}  # type: ignore[attr-defined]
    chosen = [r for r in rows if not with_findings or r[0] in found]
    assert chosen, statuses
    return chosen[0][0], chosen[0][1]


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_recommendation_letter_from_the_case_page(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, settings: Settings, engine: Engine
) -> None:
    seeded = seed(make_uow, kit)
    case_id, number = _case(
        engine,
        "recommendation_sent",
        "escalated",
        "ppk_decided",
        "followup_confirmed",
        "sanctioned",
        with_findings=True,
    )
    with web_client(settings, seeded) as client:
        login(client, "pemeriksa.jateng", seeded.password("pemeriksa.jateng"))
        page = client.get(f"/petugas/kasus/{case_id}")
        assert parse(page.text).xpath("//form[@id='surat-form']")
        token = csrf_from(page.text)
        url = f"/petugas/surat/{case_id}"
        docx = client.post(url, data={"csrf_token": token, "jenis": "recommendation", "format": "docx"})
        assert docx.status_code == 200, parse(docx.text).xpath("string(//main)")
        text = _docx_text(docx.content)
        for expected in ("Nomor", "Sifat", "Lampiran", "Hal", "001/REK-NETRALITAS/SATGAS-ASN/", "Yth.",
                         "dasar hukum:", "Tembusan:", number, "paling lambat tanggal"):  # fmt: skip
            assert expected in text, expected
        # the legal basis is the catalogue's citation of each finding (which rules depends on the case)
        assert re.search(r"\((skb-[ab]\d+|pp94-5n\d|uu[\w-]+)\); dasar hukum: (SKB|PP|UU) ", text), text
        pdf = client.post(url, data={"csrf_token": token, "jenis": "recommendation", "format": "pdf"})
        reader = PdfReader(io.BytesIO(pdf.content))
        first = reader.pages[0].extract_text()
        assert "002/REK-NETRALITAS/SATGAS-ASN/" in first and number in first  # the next number
        assert "Wali Kota" in first or "Bupati" in first
        no_token = client.post(url, data={"jenis": "summary", "format": "pdf"})
        assert no_token.status_code == 403

        received_id, _ = _case(engine, "received")
        form = {"csrf_token": token, "jenis": "recommendation", "format": "pdf"}
        missing = client.post(f"/petugas/surat/{received_id}", data=form)
        assert missing.status_code == 422
        assert "isi rekomendasi" in missing.text and "penilaian" in missing.text
    outsider = UserCreate(username="pemeriksa.diy", display_name="Pemeriksa DIY", role=Role.EXAMINER,
                          password="kata-sandi-uji-123", region_code="34")  # fmt: skip
    create_user(make_uow(), kit, None, outsider)
    with web_client(settings, seeded) as client:
        login(client, "pemeriksa.diy", "kata-sandi-uji-123")
        token = csrf_from(client.get("/petugas").text)
        refused = client.post(f"/petugas/surat/{case_id}", data={"csrf_token": token, "jenis": "summary"})
        assert refused.status_code == 403
    audit = m.AuditEntry.__table__
    with engine.connect() as conn:
        stmt = select(audit.c.detail).where(audit.c.action == "letter.issued")  # type: ignore[attr-defined]
        issued = conn.execute(stmt).scalars().all()
    assert [d["number"][:3] for d in issued] == ["001", "002"]  # refused letters took no number


def test_letters_from_the_command_line_are_numbered_per_kind_and_year(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, cli: Callable[..., tuple[int, str]], tmp_path: Path,
    engine: Engine,
) -> None:  # fmt: skip
    seed(make_uow, kit)
    _, number = _case(engine, "ppk_decided")
    code, out = cli("letter", "summary", number, "--as", "pemeriksa.jateng", "--format", "docx", "-o",
                    str(tmp_path / "r.docx"))  # fmt: skip
    assert code == 0, out
    assert "001/RINGKASAN/" in _docx_text((tmp_path / "r.docx").read_bytes())
    code, out = cli(
        "letter", "reporter-notice", number, "--as", "pemeriksa.jateng", "-o", str(tmp_path / "n.pdf")
    )
    assert code == 0, out
    notice = PdfReader(tmp_path / "n.pdf").pages[0].extract_text()
    assert "001/PEMBERITAHUAN/" in notice and "Pelapor" in notice and number in notice
    own = tmp_path / "templates"
    own.mkdir()
    issuer = "name: INSPEKTORAT KOTA SEMARANG\naddress: Jalan Pemuda 148\ncity: Semarang\ncode: ITKOT\n"
    (own / "issuer.yaml").write_text(issuer, encoding="utf-8")
    code, out = cli("letter", "summary", number, "--as", "pemeriksa.jateng", "--templates", str(own), "-o",
                    str(tmp_path / "s.pdf"))  # fmt: skip
    assert code == 0, out
    text = PdfReader(tmp_path / "s.pdf").pages[0].extract_text()
    assert "INSPEKTORAT KOTA SEMARANG" in text and "002/RINGKASAN/ITKOT/" in text
    code, out = cli("letter", "summary", "NTR-0000-XXXXXX-XXXXXX", "--as", "pemeriksa.jateng", "-o",
                    str(tmp_path / "x.pdf"))  # fmt: skip
    assert code != 0 and "tidak ditemukan" in out
    with make_uow() as uow:
        last = uow.audit.last()
    assert (
        last is not None
        and last.action == "letter.issued"
        and last.detail["number"].startswith("002/RINGKASAN")
    )
