"""Records of media monitoring: a batch (one upload) and its posts with their screening."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class BatchStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


#: Indonesian first, English second.
BATCH_STATUS_LABELS: dict[BatchStatus, tuple[str, str]] = {
    BatchStatus.QUEUED: ("menunggu giliran", "queued"),
    BatchStatus.RUNNING: ("sedang disaring", "screening"),
    BatchStatus.DONE: ("selesai", "done"),
    BatchStatus.FAILED: ("gagal", "failed"),
}


#: What a collected item is (the optional ``kind`` column): a social media post, a transcribed
#: speech, or a complaint forwarded to the team. Labels Indonesian first, English second.
POST_KINDS: dict[str, tuple[str, str]] = {
    "post": ("unggahan", "post"),
    "speech": ("pidato", "speech"),
    "complaint": ("pengaduan", "complaint"),
}


@dataclass(frozen=True)
class LineProblem:
    """A line of the upload that was left out, and why (Indonesian and English)."""

    line: int
    message: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message, "message_en": self.message_en}


@dataclass(frozen=True)
class PostInput:
    """One post as read from the upload (checked: text present, link http(s), region known)."""

    line: int
    text: str
    url: str | None = None
    posted_on: date | None = None
    author: str | None = None
    region_code: str = ""
    #: One of ``POST_KINDS``, or None when the upload has no kind column (or the cell is empty).
    kind: str | None = None


@dataclass(frozen=True)
class Batch:
    id: str
    filename: str
    #: The uploader's scope: who may see the batch (``cases.roles.is_in_scope``).
    region_code: str
    agency_id: str | None
    created_by: str
    created_at: datetime
    status: BatchStatus
    total: int
    screened: int = 0
    flagged: int = 0
    election_id: str | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    claimed_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None
    #: The uploader's username at upload (shown in the list; ``created_by`` is the stable id).
    created_by_name: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in (BatchStatus.DONE, BatchStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else int(100 * self.screened / self.total)

    @property
    def line_problems(self) -> list[LineProblem]:
        return [
            LineProblem(int(p["line"]), str(p["message"]), str(p.get("message_en", "")))
            for p in self.problems
        ]


@dataclass(frozen=True)
class Post:
    batch_id: str
    seq: int
    line: int
    text: str
    url: str | None
    posted_on: date | None
    author: str | None
    region_code: str
    screened: bool = False
    #: The suggested behaviour labels (empty: nothing found).
    labels: list[str] = field(default_factory=list)
    #: The highest confidence among the labels (0 when none).
    confidence: float = 0.0
    #: Labels found possible but not given: an officer should read the post.
    needs_reading: bool = False
    #: ``ScreeningResult.to_dict()`` (read back typed by ``cases.suggestions.read_suggestion``).
    result: dict[str, Any] = field(default_factory=dict)
    case_id: str | None = None
    #: One of ``POST_KINDS`` or None (not given).
    kind: str | None = None

    @property
    def flagged(self) -> bool:
        return bool(self.labels) or self.needs_reading


@dataclass(frozen=True)
class Screened:
    """The screening of one post, as the worker stores it."""

    seq: int
    labels: list[str]
    confidence: float
    needs_reading: bool
    result: dict[str, Any]


@dataclass(frozen=True)
class PostFilter:
    """What the results page and the export show. ``label``: one behaviour label, or ``""``
    (any); ``flagged_only``: only posts with a label or marked "perlu dibaca"."""

    label: str = ""
    min_confidence: float = 0.0
    region_prefix: str = ""
    flagged_only: bool = True
    #: One of ``POST_KINDS``, or ``""`` (any).
    kind: str = ""
    limit: int = 50
    offset: int = 0
