"""What the caller says a text is (``kind``, issue 11): a post's own support for a side is the
posting, a speech's call to back a side mobilises its audience; unknown kinds are refused with
the known ones; ``screening evaluate`` passes only kinds that say what a text is. The sentences
are written for these tests (none is from the development set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.errors import ValidationError
from netralitas.screening import Screener
from netralitas.screening.batch import ScreenOptions, read_jsonl, run, text_stream
from netralitas.screening.corpus import Corpus, Example
from netralitas.screening.evaluation import evaluate, screener_kind
from netralitas.screening.lines import LineWriter
from netralitas.screening.screener import ScreenRequest, screen_text

runner = CliRunner()
SUPPORT = "Sudah saatnya kita dukung paslon nomor 3"


def _labels(screener: Screener, text: str, kind: str | None) -> set[str]:
    return set(screener.screen(ScreenRequest(text, kind=kind)).labels)


@pytest.mark.parametrize(
    "text",
    [
        "Bismillah, semoga pasangan Hendra-Mira menang satu putaran, amin ya rabbal alamin",
        "Sudah saatnya kita dukung paslon nomor 3, insya Allah amanah dan merakyat",
        "Lanjutkan dua periode untuk bupati petahana kita!! 💪",
        "Ayo bapak ibu, kita menangkan calon kita tanggal 27 nanti",
        "Semoga beliau amanah, kita dukung terus sampai menang 💪",
    ],
)
def test_a_posts_own_support_for_a_side_is_a_social_media_post(lexical: Screener, text: str) -> None:
    assert "social_media_post" in _labels(lexical, text, "post")
    assert "social_media_post" not in _labels(lexical, text, None)  # no platform named: not known


@pytest.mark.parametrize(
    "text",
    [
        "Siapapun yang menang nanti, semoga amanah dan peduli guru honorer 🙏",
        "Jangan lupa datang ke TPS tanggal 14, pilihlah sesuai hati nurani",
        "Semua paslon punya program bagus, baca visi misinya sebelum mencoblos ya",
        "Alhamdulillah sudah nyoblos, jari ungu sudah. #PemiluDamai",
        "ASN dilarang mendukung calon bupati mana pun, jaga netralitas!",
        "Semoga beliau sehat selalu dan terus mengabdi untuk masyarakat",
    ],
)
def test_neutral_posts_stay_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text, "post") == {"none"}


def test_a_speech_backing_a_side_mobilises_its_audience(lexical: Screener) -> None:
    text = "Insya Allah pasangan nomor dua pasti menang di kecamatan kita, beliau sudah terbukti."
    assert "mobilize_subordinates_or_public" in _labels(lexical, text, "speech")
    assert "mobilize_subordinates_or_public" not in _labels(lexical, text, None)
    referred = "Tanggal 27 nanti pilih beliau, sudah terbukti kerjanya untuk desa ini."
    assert "mobilize_subordinates_or_public" in _labels(lexical, referred, "speech")
    assert "mobilize_subordinates_or_public" not in _labels(lexical, referred, None)
    neutral = "Mari jaga pemilu damai, siapapun calonnya kita dukung yang terpilih."
    assert _labels(lexical, neutral, "speech") == {"none"}


def test_a_complaint_adds_no_rule(lexical: Screener) -> None:
    text = "Sudah saatnya kita dukung paslon nomor 3"
    assert _labels(lexical, text, "complaint") == _labels(lexical, text, None)


def test_an_unknown_kind_is_refused_with_the_known_kinds(lexical: Screener) -> None:
    with pytest.raises(ValidationError) as caught:
        screen_text("dukung paslon 2", kind="tweet")
    assert caught.value.code == "unknown_kind"
    assert "'tweet'" in caught.value.message and "post, speech, complaint" in caught.value.message
    with pytest.raises(ValidationError):
        LineWriter(lexical).line("a", ScreenRequest("dukung paslon 2", kind="twit"))


def test_the_line_writer_and_the_result_agree_for_a_kind(lexical: Screener) -> None:
    request = ScreenRequest("Sudah saatnya kita dukung paslon nomor 3", kind="post")
    line = json.loads(LineWriter(lexical).line("x", request))
    assert line["labels"] == list(lexical.screen(request).labels) == ["social_media_post"]


def test_batch_reads_the_kind_column_and_reports_an_unknown_kind() -> None:
    rows = [
        {"id": "a", "text": "Sudah saatnya kita dukung paslon nomor 3", "kind": "post"},
        {"id": "b", "text": "Sudah saatnya kita dukung paslon nomor 3"},
        {"id": "c", "text": "Sudah saatnya kita dukung paslon nomor 3", "kind": "kicauan"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in rows)
    out = list(run(read_jsonl(text_stream(data)), ScreenOptions(use_model=False)))
    problems = [o for o in out if not isinstance(o, str)]
    lines = [json.loads(o) for o in out if isinstance(o, str)]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["labels"] == ["social_media_post"] and lines[1]["labels"] == ["none"]
    assert problems[0].line == 3 and "jenis teks tidak dikenal 'kicauan'" in problems[0].message
    assert "post, speech, complaint" in problems[0].message
    # the option fills an empty column
    defaulted = list(run(read_jsonl(text_stream(data)), ScreenOptions(use_model=False, kind="post")))
    assert json.loads(next(o for o in defaulted if isinstance(o, str) and '"b"' in o))["labels"] == [
        "social_media_post"
    ]


def test_cli_kind_option_and_column(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,text,kind\n"
        "a,Sudah saatnya kita dukung paslon nomor 3,post\n"
        "b,Sudah saatnya kita dukung paslon nomor 3,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["screen", str(source), "--lexical-only"])
    assert result.exit_code == 0, result.stderr
    labels = [json.loads(line)["labels"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert labels == [["social_media_post"], ["none"]]
    bad = runner.invoke(app, ["screen", str(source), "--lexical-only", "--kind", "blog"])
    assert bad.exit_code == 2 and "post, speech, complaint" in bad.stderr


def test_evaluate_passes_only_kinds_that_say_what_a_text_is() -> None:
    assert screener_kind("post_quote") == "post" and screener_kind("speech_quote") == "speech"
    assert screener_kind("negative") is None  # the development set's label, never passed
    assert screener_kind("news") is None and screener_kind("") is None
    corpus = Corpus(
        (
            Example(
                "p", "Sudah saatnya kita dukung paslon nomor 3", ("social_media_post",), "post_quote", False
            ),
            Example("n", "Sudah saatnya kita dukung paslon nomor 3", ("none",), "negative", False),
        ),
        (),
    )
    given = evaluate(corpus, use_model=False)
    assert given["kinds_given"] and given["negatives_flagged"] == 0 and given["positives_flagged"] == 1
    assert evaluate(corpus, use_model=False, kinds=False)["positives_flagged"] == 0
