"""The direct JSON writer of the lexical pass gives exactly the bytes of the result objects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.screening import Screener, ScreenRequest
from netralitas.screening.corpus import read_corpus
from netralitas.screening.lines import LineWriter, dumps
from netralitas.screening.screener import MAX_TEXT_CHARS

TRAIN = Path(__file__).resolve().parents[3] / "data/screening/train"
OPTIONS = [
    (None, None, None),
    (date(2024, 2, 1), "pemilu-2024", None),
    (date(2024, 11, 1), "pilkada-2024", "pppk"),
    (date(2024, 11, 1), None, "pns"),
]


def _same(lexical: Screener, writer: LineWriter, text: str, option: int) -> None:
    request = ScreenRequest(text, *OPTIONS[option])
    expected = dumps({"id": f"x{option}", **lexical.screen(request).to_dict()})
    assert writer.line(f"x{option}", request) == expected


def test_every_training_text_gives_the_same_line(lexical: Screener) -> None:
    writer = LineWriter(lexical)
    examples = read_corpus(TRAIN).examples
    assert len(examples) > 1000
    for i, example in enumerate(examples):
        _same(lexical, writer, example.text, i % len(OPTIONS))


def test_truncated_text_and_odd_ids_give_the_same_line(lexical: Screener) -> None:
    writer = LineWriter(lexical)
    text = 'Pak camat pasang status WA dukung paslon 02 "kutip" \\ \u2028 ✌️ ' * (MAX_TEXT_CHARS // 40)
    request = ScreenRequest(text, date(2024, 2, 1), "pemilu-2024")
    assert writer.line('i"d\n', request) == dumps({"id": 'i"d\n', **lexical.screen(request).to_dict()})


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "camat",
                "PPPK",
                "pasang",
                "status",
                "WA",
                "dukung",
                "paslon",
                "02",
                "#",
                "AMIN",
                "Prabowo",
                "hadir",
                "kampanye",
                "berorasi",
                "jangan",
                "netralitas",
                ".",
                "\n",
                "bagi2",
                "sembako",
                "✌️",
                "CLTN",
                "istrinya",
                "mencalonkan",
                "diri",
                "nomor",
                "urut",
                "3",
                "Ganjar",
                "Mahfud",
                "kaos",
            ]
        )
        | st.text(max_size=6),
        max_size=30,
    ),
    st.integers(0, len(OPTIONS) - 1),
)
def test_any_text_gives_the_same_line(lexical: Screener, words: list[str], option: int) -> None:
    _same(lexical, LineWriter(lexical), " ".join(words), option)
