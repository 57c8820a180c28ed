from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.screening.normalise import normalise, normalise_phrase


@pytest.mark.parametrize(
    ("informal", "standard"),
    [
        ("yg", "yang"),
        ("Gk", "tidak"),
        ("nggak", "tidak"),
        ("dgn", "dengan"),
        ("utk", "untuk"),
        ("tdk", "tidak"),
        ("krn", "karena"),
        ("sm", "sama"),
        ("bgt", "banget"),
        ("dll", "dan lain lain"),
        ("bangeeet", "banget"),
        ("gaaak", "tidak"),
        ("MEDSOS", "media sosial"),
    ],
)
def test_informal_words_become_standard(informal: str, standard: str) -> None:
    assert normalise_phrase(informal) == standard


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no 2", "nomor 2"),
        ("paslon 02", "paslon 02"),
        ("Nomor urut 3", "nomor urut 3"),
        ("dua jari", "dua jari"),
        ("coblos 01!!!", "coblos 01 ! ! !"),
        ("paslon2 menang 2024", "paslon2 menang 2024"),
        ("PPPK", "pppk"),
        ("PPP", "ppp"),
        ("111 2222", "111 2222"),
    ],
)
def test_digits_and_ballot_numbers_are_never_altered(text: str, expected: str) -> None:
    assert normalise_phrase(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "Pak CAMAT yg bangeeet rajin, dgn paslon 02 ✌️"
    norm = normalise(text)
    found = norm.find_tokens("yang")
    assert found is not None
    start, end = norm.original_span(*found)
    assert text[start:end] == "yg"
    found = norm.find_tokens("banget rajin")
    assert found is not None
    start, end = norm.original_span(*found)
    assert text[start:end] == "bangeeet rajin"


def test_sentences_split_on_punctuation_and_newlines() -> None:
    norm = normalise("satu dua. tiga\nempat")
    assert norm.sentences == [0, 0, 0, 1, 2]


@settings(deadline=None)
@given(st.text(max_size=80))
def test_every_token_span_is_a_slice_of_the_original(text: str) -> None:
    norm = normalise(text)
    assert norm.text.startswith(" ") and norm.text.endswith(" ")
    assert len(norm.starts) == len(norm.spans) == len(norm.sentences)
    previous_end = 0
    for start, end in norm.spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start:end].isspace()
        previous_end = end


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_fast_path_tokenises_and_folds_like_the_general_one(text: str) -> None:
    from netralitas.screening import normalise as module

    lowered = text.lower()
    assert module._ASCII_SPLIT.split(lowered) == module._SPLIT.split(lowered)
    assert (module._ASCII_REPEAT.search(lowered) is None) == (module._REPEAT.search(lowered) is None)


@settings(deadline=None)
@given(st.lists(st.text(alphabet="aaabkkkpgy .\nİ2_", max_size=30), max_size=8))
def test_the_memoising_normaliser_gives_what_normalise_gives(texts: list[str]) -> None:
    from netralitas.screening.normalise import Normaliser, default_lexicon

    normaliser = Normaliser(default_lexicon(), memo_size=4)  # small: the memo is cleared as it goes
    for text in [*texts, *texts]:
        assert normaliser.normalise(text) == normalise(text)
        assert len(normaliser.memo) <= 4 + 30
