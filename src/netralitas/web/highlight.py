"""Evidence words marked inside a report's text, as plain segments for the template to escape.

Spans come from screening (``{"start", "end", "text"}``, offsets into the text) and may overlap;
the text is cut at every span boundary, and each piece carries the tags of the spans covering it.
No HTML is built here: the template writes each piece through autoescaping, inside ``<mark>`` when
it has tags. A span whose offsets do not point at its own words (a text edited since screening)
is left out rather than marking the wrong words.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from netralitas.cases.suggestions import EvidenceSpan


@dataclass(frozen=True)
class Segment:
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str


def spans_from(items: Iterable[EvidenceSpan], tag: str, text: str) -> list[Span]:
    """The spans of ``items`` that really point at their words in ``text``."""
    found = []
    for item in items:
        start, end, words = item.start, item.end, item.text
        if not 0 <= start < end <= len(text):
            continue
        if words and text[start:end] != words:
            continue
        found.append(Span(start, end, tag))
    return found


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """``text`` cut at every span boundary; joined back, the pieces are ``text`` exactly."""
    kept = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        tags = tuple(sorted({s.tag for s in kept if s.start <= left and right <= s.end}))
        pieces.append(Segment(text[left:right], tags))
    return _merge(pieces)


def _merge(pieces: list[Segment]) -> list[Segment]:
    """Neighbours with the same tags become one piece (fewer ``<mark>`` elements)."""
    merged: list[Segment] = []
    for piece in pieces:
        if merged and merged[-1].tags == piece.tags:
            merged[-1] = Segment(merged[-1].text + piece.text, piece.tags)
        else:
            merged.append(piece)
    return merged
