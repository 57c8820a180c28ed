"""The streaming bulk path (``batch.run_stream``) gives what the record path gives."""

from __future__ import annotations

import io
import json

import pytest

from netralitas.screening import batch

TRICKY = [
    '{"id": "a", "text": "x"}\n',
    '{"id": "a", "text": "x"}\r\n',
    '{"id": "a", "text": "x"}',
    '  {"id": "a", "text": "x"}\n',
    '\ufeff{"id": "a"}\n',
    '{"id": "a"} {"id": "b"}\n',
    '{"id": "a"}  \t\n',
    '{"id": "a"}\x0b\n',
    '{"id": [1, 2\n',
    "[1, 2]\n",
    "nan\n",
    '"text"\n',
]


@pytest.mark.parametrize("line", TRICKY)
def test_the_direct_scanner_parses_like_json_loads(line: str) -> None:
    try:
        expected: object = json.loads(line)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as raised:
            batch._loads(line)
        assert (raised.value.msg, raised.value.pos) == (exc.msg, exc.pos)
        return
    assert batch._loads(line) == expected


def test_stream_blocks_equal_the_record_path_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_SIZE", 3)  # many chunks, problems at their edges
    rows = [
        b'{"id": "a1", "text": "Pak camat pasang status WA dukung paslon 02", "date": "2024-01-10"}',
        b"",
        b"{not json",
        b'{"id": "e", "text": "  "}',
        b'{"text": "caf\xe9 ayo pilih 02", "election": "pemilu-2024"}',
        b'{"id": "d", "text": "halo", "date": "kemarin"}',
        b"[1]",
        b'{"id": 7, "text": "Ayo gunakan hak pilih, jangan golput!"}',
    ]
    data = b"\n".join(rows * 3) + b"\n"
    options = batch.ScreenOptions(use_model=False)
    expected = list(batch.run(batch.read_jsonl(io.BytesIO(data)), options))
    lines = [item for item in expected if isinstance(item, str)]
    problems = [item for item in expected if isinstance(item, batch.InputProblem)]
    blocks = list(batch.run_stream(io.BytesIO(data), "jsonl", options))
    assert "".join(b.text for b in blocks) == "".join(f"{line}\n" for line in lines)
    assert sum(b.count for b in blocks) == len(lines) == 9
    assert [p for b in blocks for p in b.problems] == problems
    assert [p.line for p in problems][:6] == [3, 4, 5, 6, 7, 11]


def test_default_path_batched_lines_equal_one_text_at_a_time() -> None:
    """The learned layer scores a whole chunk in one matrix product and writes confirmed lines
    with the lexical writer; each line equals the result of screening that text alone."""
    from pathlib import Path

    from netralitas.screening.corpus import read_corpus
    from netralitas.screening.screener import ScreenRequest, cached_screener

    root = Path(__file__).resolve().parents[3]
    examples = read_corpus(root / "data/screening/frozen").examples[:300]
    data = "".join(
        json.dumps({"id": e.id, "text": e.text, "date": "2024-01-20"}, ensure_ascii=False) + "\n"
        for e in examples
    )
    options = batch.ScreenOptions(use_model=True)
    blocks = list(batch.run_stream(batch.text_stream(data), "jsonl", options))
    got = "".join(b.text for b in blocks).splitlines()
    screener = cached_screener(None, True)
    from datetime import date

    expected = [
        batch.dumps({"id": e.id, **screener.screen(ScreenRequest(e.text, date(2024, 1, 20))).to_dict()})
        for e in examples
    ]
    assert got == expected
    joined = "\n".join(got)  # every path of the learned layer was taken
    assert '"source":"lexical+model"' in joined and '"perlu_dibaca"' in joined
    assert '"source":"lexical"' in joined  # a vetoed detector label (perlu dibaca)
