"""The lines of texts the learned layer changed (a vetoed detector label, a label of the model
alone, "perlu dibaca") are written without result objects and give exactly the bytes of
``screen()``, whatever the date, election and employee type of the request."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netralitas.screening import ScreenRequest, batch
from netralitas.screening.corpus import read_corpus
from netralitas.screening.lines import LineWriter, dumps
from netralitas.screening.screener import MAX_TEXT_CHARS, cached_screener

ROOT = Path(__file__).resolve().parents[3] / "data/screening"
OPTIONS = [
    (None, None, None),
    (date(2024, 2, 1), "pemilu-2024", None),
    (date(2024, 11, 1), "pilkada-2024", "pppk"),
    (date(2024, 11, 1), None, "pns"),
]


def test_changed_lines_equal_the_result_objects() -> None:
    screener = cached_screener(None, True)
    assert screener.model is not None
    writer = LineWriter(screener)
    texts = [e.text for name in ("train", "frozen") for e in read_corpus(ROOT / name).examples]
    analyses = [screener.analyse(text) for text in texts]
    verdicts = screener.verdicts(analyses)
    changed = 0
    seen: set[str] = set()
    for i, (text, analysis, verdict) in enumerate(zip(texts, analyses, verdicts, strict=True)):
        if verdict is None or verdict.plain:
            continue
        changed += 1
        request = ScreenRequest(text, *OPTIONS[i % len(OPTIONS)])
        expected = dumps({"id": f"t{i}", **screener.result(request, analysis, verdict).to_dict()})
        got = writer.write_verdict(
            f"t{i}", text, request.on, request.election_id, request.employee_type, analysis, verdict
        )
        assert got == expected
        seen.update(
            kind
            for kind in ('"source":"model"', '"perlu_dibaca"', '"source":"lexical"', '"findings":[{')
            if kind in got
        )
    assert changed > 100
    # every way the model changes a line was taken: its own label, a human read of a vetoed
    # detector label, findings on a dated request
    assert seen == {'"source":"model"', '"perlu_dibaca"', '"source":"lexical"', '"findings":[{'}


def test_a_truncated_changed_text_keeps_its_warning() -> None:
    screener = cached_screener(None, True)
    writer = LineWriter(screener)
    texts = [e.text for e in read_corpus(ROOT / "frozen").examples]
    analyses = [screener.analyse(text) for text in texts]
    verdicts = screener.verdicts(analyses)
    text = next(t for t, v in zip(texts, verdicts, strict=True) if v is not None and not v.plain)
    long_text = text + " lorem" * (MAX_TEXT_CHARS // 5)
    analysis = screener.analyse(long_text)
    verdict = screener.verdicts([analysis])[0]
    assert verdict is not None and not verdict.plain
    request = ScreenRequest(long_text, date(2024, 2, 1), "pemilu-2024")
    expected = dumps({"id": "long", **screener.result(request, analysis, verdict).to_dict()})
    got = writer.write_verdict("long", long_text, request.on, request.election_id, None, analysis, verdict)
    assert got == expected and '"warnings":["teks dipotong' in got


def test_model_batches_smaller_than_a_chunk_give_the_same_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts past the pre-filter wait for one model call per ``MODEL_BATCH``; the lines, their
    order and the texts written at once in between do not depend on it."""
    examples = read_corpus(ROOT / "frozen").examples[:300]
    data = "".join(dumps({"id": e.id, "text": e.text}) + "\n" for e in examples)
    options = batch.ScreenOptions(on=date(2024, 2, 1))
    whole = [b.text for b in batch.run_stream(batch.text_stream(data), "jsonl", options)]
    monkeypatch.setattr(batch, "MODEL_BATCH", 7)
    small = [b.text for b in batch.run_stream(batch.text_stream(data), "jsonl", options)]
    assert small == whole
    assert "".join(whole).count("\n") == len(examples)
