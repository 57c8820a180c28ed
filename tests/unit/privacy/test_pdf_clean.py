"""The served copy of a PDF original carries no metadata: no information dictionary (/Author,
/Producer, ...), no XMP stream on the catalogue or on a page; the pages stay."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from netralitas.privacy.pdf_clean import PdfNotCleanedError, strip_pdf_metadata


def _xmp(writer: PdfWriter, text: bytes) -> object:
    stream = StreamObject()
    stream.set_data(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + text + b"</x:xmpmeta>")
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    return writer._add_object(stream)


def _pdf_with_metadata() -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 300)
    writer.add_blank_page(200, 300)
    writer.add_metadata(
        {"/Author": "Pelapor Sari", "/Producer": "ScanPro HP-1234", "/Title": "GPS -7.78,110.36"}
    )
    writer.root_object[NameObject("/Metadata")] = _xmp(writer, b"<dc:creator>Sari Catalog</dc:creator>")
    page[NameObject("/Metadata")] = _xmp(writer, b"<dc:creator>Sari Page</dc:creator>")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_information_dictionary_and_xmp_are_gone_and_the_pages_stay() -> None:
    data = _pdf_with_metadata()
    assert b"Pelapor Sari" in data and b"Sari Catalog" in data and b"Sari Page" in data
    clean = strip_pdf_metadata(data)
    for secret in (
        b"Pelapor Sari",
        b"ScanPro",
        b"-7.78",
        b"Sari Catalog",
        b"Sari Page",
        b"/Producer",
        b"/Author",
    ):
        assert secret not in clean, secret
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 2 and not reader.metadata
    assert "/Metadata" not in reader.trailer["/Root"]


def test_a_pdf_that_cannot_be_rebuilt_is_reported_not_served_half_cleaned() -> None:
    with pytest.raises(PdfNotCleanedError):
        strip_pdf_metadata(b"%PDF-1.4\nnot a pdf at all")
