"""A :class:`Letter` as DOCX (python-docx) and PDF (fpdf2), laid out like an Indonesian official
letter: letterhead with a rule, place and date, Nomor / Sifat / Lampiran / Hal, addressee, body,
signature block and Tembusan."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from fpdf import FPDF

from netralitas.analytics.letters import Block, Letter

_REVIEW = "perlu ditinjau"
CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _finding_lines(block: Block) -> list[tuple[str, list[str]]]:
    out = []
    for i, f in enumerate(block.findings, start=1):
        head = (
            f"{i}. {f.title} ({f.rule_id}); dasar hukum: {'; '.join(f.citations) or '-'}; tingkat: {f.level}"
        )
        if f.review_status != "confirmed":
            head += f" [{_REVIEW}]"
        out.append((head, list(f.explanation)))
    return out


def _meta(letter: Letter) -> list[tuple[str, str]]:
    return [
        ("Nomor", letter.number),
        ("Sifat", letter.sifat),
        ("Lampiran", letter.lampiran),
        ("Hal", letter.hal),
    ]


def to_docx(letter: Letter) -> bytes:
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.5)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for i, line in enumerate(letter.letterhead):
        p = doc.add_paragraph()
        p.alignment = CENTER
        run = p.add_run(line)
        run.bold = i == 0
        run.font.size = Pt(14 if i == 0 else 10)
    doc.add_paragraph("_" * 80).alignment = CENTER
    doc.add_paragraph(letter.place_date).alignment = RIGHT
    meta = doc.add_table(rows=0, cols=2)
    for label, value in _meta(letter):
        cells = meta.add_row().cells
        cells[0].text, cells[1].text = label, f": {value}"
    doc.add_paragraph()
    for line in letter.addressee:
        doc.add_paragraph(line)
    for block in letter.blocks:
        _docx_block(doc, block)
    doc.add_paragraph()
    for line in (letter.signer_title, "", "", letter.signer_name):
        doc.add_paragraph(line).alignment = RIGHT
    if letter.tembusan:
        doc.add_paragraph("Tembusan:")
        for i, line in enumerate(letter.tembusan, start=1):
            doc.add_paragraph(f"{i}. {line}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_block(doc: DocxDocument, block: Block) -> None:
    if block.text:
        doc.add_paragraph(block.text)
    if block.rows:
        table = doc.add_table(rows=0, cols=2)
        for label, value in block.rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, f": {value}"
    for head, lines in _finding_lines(block):
        doc.add_paragraph(head)
        for line in lines:
            doc.add_paragraph(line, style="List Bullet")


_ASCII = str.maketrans({"—": "-", "–": "-", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "-"})


def _latin(text: str) -> str:
    """The PDF core fonts read Latin-1: typographic marks become their plain forms."""
    return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def para(
        self, text: str, *, size: int = 11, bold: bool = False, align: str = "J", indent: float = 0
    ) -> None:
        self.set_font("Helvetica", "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, 5.5, _latin(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def pairs(self, rows: list[tuple[str, str]]) -> None:
        self.set_font("Helvetica", "", 11)
        for label, value in rows:
            self.cell(35, 5.5, _latin(label))
            self.multi_cell(self.epw - 35, 5.5, _latin(f": {value}"), new_x="LMARGIN", new_y="NEXT")


def to_pdf(letter: Letter) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_title(_latin(letter.hal))
    pdf.add_page()
    for i, line in enumerate(letter.letterhead):
        pdf.para(line, size=14 if i == 0 else 10, bold=i == 0, align="C")
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(5)
    pdf.para(letter.place_date, align="R")
    pdf.pairs(_meta(letter))
    pdf.ln(4)
    for line in letter.addressee:
        pdf.para(line, align="L")
    pdf.ln(3)
    for block in letter.blocks:
        if block.text:
            pdf.para(block.text)
            pdf.ln(2)
        if block.rows:
            pdf.pairs(list(block.rows))
            pdf.ln(2)
        for head, lines in _finding_lines(block):
            pdf.para(head, bold=True, align="L")
            for line in lines:
                pdf.para(f"- {line}", size=10, indent=5, align="L")
            pdf.ln(1)
    pdf.ln(6)
    for line in (letter.signer_title, "", "", "", letter.signer_name):
        pdf.para(line, align="L", indent=pdf.epw / 2)
    if letter.tembusan:
        pdf.ln(6)
        pdf.para("Tembusan:", size=10, align="L")
        for i, line in enumerate(letter.tembusan, start=1):
            pdf.para(f"{i}. {line}", size=10, align="L")
    return bytes(pdf.output())
