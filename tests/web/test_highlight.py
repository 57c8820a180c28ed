"""Evidence highlighting: the pieces rebuild the text exactly and mark exactly the spanned characters."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from netralitas.cases.suggestions import read_suggestion
from netralitas.web.highlight import Span, segments, spans_from


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet="ab <&>\"'é", min_size=1, max_size=40))
    spans = []
    for tag in draw(st.lists(st.sampled_from(["x", "y", "z"]), max_size=6)):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span(start, end, tag))
    return text, spans


@given(text_and_spans())
def test_pieces_rebuild_the_text_and_carry_the_covering_tags(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    pieces = segments(text, spans)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        for offset in range(len(piece.text)):
            at = position + offset
            assert set(piece.tags) == {s.tag for s in spans if s.start <= at < s.end}
        position += len(piece.text)
    assert all(a.tags != b.tags for a, b in itertools.pairwise(pieces))


def test_spans_that_do_not_point_at_their_words_are_left_out() -> None:
    text = "Camat berfoto dua jari"
    items = [
        {"start": 14, "end": 22, "text": "dua jari"},
        {"start": 0, "end": 5, "text": "Lurah"},  # text edited since screening
        {"start": 20, "end": 99, "text": "ri"},  # out of range
        {"start": "0", "end": 5},  # not numbers
    ]
    stored = read_suggestion({"behaviours": [{"label": "gesture", "evidence": items}]})
    assert spans_from(stored.behaviours[0].evidence, "gesture", text) == [Span(14, 22, "gesture")]
