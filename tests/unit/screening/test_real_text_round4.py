"""Round 4 of real-text phrasing families (issue 11): redacted names of a side in quoted posts
and speeches ("coblos (.....)", "pilih [...]", "dukung ***"), and officials assuring that state
facilities are NOT used for any side's campaign. The sentences are written for these tests
(none is from the development set)."""

from __future__ import annotations

import pytest

from netralitas.screening import Screener
from netralitas.screening.screener import ScreenRequest

MONGGO = "Monggo lur, jangan lupa coblos (.........) tanggal 27, amanah dan merakyat"


def _labels(screener: Screener, text: str, kind: str | None = None) -> set[str]:
    return set(screener.screen(ScreenRequest(text, kind=kind)).labels)


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        (MONGGO, "post", "social_media_post"),
        (MONGGO, "post", "mobilize_subordinates_or_public"),
        ("Ayo bapak ibu, pilih [...] nomor 2 biar desa kita maju", "post", "social_media_post"),
        ("Jangan lupa coblos *** tanggal 27 ya semua", "speech", "mobilize_subordinates_or_public"),
        ("Dukung xxx untuk bupati, kita menangkan bersama", "post", "social_media_post"),
    ],
)
def test_redacted_side_is_a_side(lexical: Screener, text: str, kind: str, present: str) -> None:
    assert present in _labels(lexical, text, kind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a call to vote with no side, brackets that are no redaction, an ellipsis after a sentence
        ("Jangan lupa datang ke TPS dan coblos pilihanmu (sesuai hati nurani)", "post"),
        ("Jangan lupa mencoblos tanggal 14 Februari. Satu suara sangat berarti...", "post"),
        ("Ayo gunakan hak pilih, pilih (sesuai hati nurani) jangan golput", "speech"),
    ],
)
def test_no_side_no_flag(lexical: Screener, text: str, kind: str) -> None:
    assert _labels(lexical, text, kind) == {"none"}
