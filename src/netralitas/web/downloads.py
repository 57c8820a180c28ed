"""File names of downloads and the ``accept`` lists of uploads, derived from the one list of
types the server accepts (``privacy.evidence_types.ALLOWED_TYPES``), so pages and API agree."""

from __future__ import annotations

from starlette.responses import Response

from netralitas.cases.decisions import DECREE_KINDS
from netralitas.privacy.evidence_types import ALLOWED_TYPES, EvidenceType

#: Media type -> file extension of the decree files a PPK may upload.
DECREE_EXTENSIONS = {t.media_type: t.extension for t in ALLOWED_TYPES if t.kind in DECREE_KINDS}


def accept_list(types: tuple[EvidenceType, ...]) -> str:
    """Media types and extensions (some phones filter by one, some by the other)."""
    return ",".join([*(t.media_type for t in types), *(f".{t.extension}" for t in types)])


#: ``accept`` of evidence inputs (reports) and of the decree input.
EVIDENCE_ACCEPT = accept_list(ALLOWED_TYPES)
DECREE_ACCEPT = accept_list(tuple(t for t in ALLOWED_TYPES if t.kind in DECREE_KINDS))


def decree_filename(decision_id: str, media_type: str | None) -> str:
    """``sk-<decision id>.<ext>``, as the API names it."""
    return f"sk-{decision_id}.{DECREE_EXTENSIONS.get(media_type or '', 'bin')}"


def named_decree(response: Response, decision_id: str) -> Response:
    """The decree download with its proper file name (the media type is already set)."""
    name = decree_filename(decision_id, response.media_type)
    response.headers["content-disposition"] = f'attachment; filename="{name}"'
    return response
