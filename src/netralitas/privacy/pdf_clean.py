"""The served copy of a PDF original without its metadata.

A PDF carries a document information dictionary (``/Author``, ``/Creator``, ``/Producer``,
``/Title``, ... — scanners and office programs put names, device models and sometimes places
there) and XMP metadata streams (on the catalogue and on single pages), besides earlier
revisions of itself kept by incremental saves. ``strip_pdf_metadata`` rebuilds the document
from its pages alone: only objects reachable from the page tree are written, so the
information dictionary, every XMP stream, page ``/PieceInfo``, earlier revisions, outlines,
form fields, attachments and scripts are left behind; what the pages show stays as it is.

The sealed original (whose SHA-256 is recorded at intake) is never changed: this is the copy
handed to an officer who stated a reason. A PDF that cannot be rebuilt (encrypted, damaged
beyond what pypdf repairs) raises ``PdfNotCleanedError``; the caller decides what to do.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

PDF_MEDIA_TYPE = "application/pdf"
#: Page-level keys that carry metadata or private application data, dropped from every page.
PAGE_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about damaged files are expected


class PdfNotCleanedError(Exception):
    """The PDF could not be rebuilt without its metadata."""


def strip_pdf_metadata(data: bytes) -> bytes:
    """The PDF rebuilt from its pages, without information dictionary or XMP metadata."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise PdfNotCleanedError("encrypted")
        writer = PdfWriter()
        for page in reader.pages:
            for key in PAGE_KEYS:  # before copying: whatever is copied is written
                page.pop(NameObject(key), None)
            writer.add_page(page)
        writer.metadata = None  # no information dictionary at all (not even pypdf's /Producer)
        writer.root_object.pop(NameObject("/Metadata"), None)  # XMP on the catalogue
        out = io.BytesIO()
        writer.write(out)
    except PdfNotCleanedError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged input
        raise PdfNotCleanedError(type(exc).__name__) from exc
    return out.getvalue()
