"""The screening suggestion of each report, made ready for the case page (never a decision).

``TriageItem`` (``netralitas.cases.triage``) carries the machine's suggestion (labels with
confidence and evidence spans, candidates, ASN cues, findings) and the officers' reviews. Here the
report text is cut into pieces marked with the labels whose evidence covers them, so the template
can show the words that justify each label (escaped, no HTML built in Python).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netralitas.cases.triage import TriageItem
from netralitas.rules.behaviours import BEHAVIOUR_LABELS
from netralitas.web.highlight import Segment, Span, segments, spans_from

#: Tags for the non-behaviour evidence marked in the text.
CANDIDATE_TAG = "candidate"
ASN_TAG = "asn_cue"
#: Shown on every suggestion: what the machine says is advice for an officer to confirm.
NOTICE_ID = "saran otomatis — perlu dikonfirmasi petugas"
NOTICE_EN = "automatic suggestion — an officer must confirm it"

LABEL_NAMES: dict[str, tuple[str, str]] = {b.value: names for b, names in BEHAVIOUR_LABELS.items()}
TAG_NAMES: dict[str, tuple[str, str]] = {
    **LABEL_NAMES,
    CANDIDATE_TAG: ("calon/pasangan calon", "candidate"),
    ASN_TAG: ("petunjuk ASN", "civil-servant cue"),
}


@dataclass(frozen=True)
class TriageView:
    item: TriageItem
    pieces: tuple[Segment, ...]

    @property
    def reviewed(self) -> bool:
        return self.item.screening.reviewed_at is not None

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels the review form starts from: the officer's, else the suggestion."""
        return tuple(self.item.screening.current_labels)


def _spans(item: TriageItem, text: str) -> list[Span]:
    spans: list[Span] = []
    for behaviour in item.behaviours:
        spans += spans_from(behaviour.evidence, behaviour.label, text)
    spans += spans_from((e for c in item.candidates for e in c.evidence), CANDIDATE_TAG, text)
    spans += spans_from((cue.evidence for cue in item.asn_cues), ASN_TAG, text)
    return spans


def triage_views(items: Iterable[TriageItem], texts: Mapping[str, str]) -> dict[str, TriageView]:
    """Report id → its view; ``texts`` maps report id → the text that was screened."""
    views = {}
    for item in items:
        text = texts.get(item.report_id, "")
        views[item.report_id] = TriageView(item, tuple(segments(text, _spans(item, text))))
    return views


def tag_title(tags: Iterable[str], lang: str) -> str:
    """The names of the labels a marked piece is evidence for (for its ``title``)."""
    index = 0 if lang == "id" else 1
    return "; ".join(TAG_NAMES.get(tag, (tag, tag))[index] for tag in tags)
