from __future__ import annotations

from pathlib import Path

import pytest

from netralitas.errors import ValidationError
from netralitas.screening import Screener, ScreenRequest
from netralitas.screening.cues import default_cue_book
from netralitas.screening.gazetteer import COLUMNS, default_gazetteer, load_gazetteer
from netralitas.screening.normalise import default_lexicon


def test_presidential_pairs_of_2024_have_their_ballot_numbers() -> None:
    gazetteer = default_gazetteer()
    names = {c.ballot_number: c.name for c in gazetteer.by_number(1, "pemilu-2024")}
    names |= {c.ballot_number: c.name for c in gazetteer.by_number(2, "pemilu-2024")}
    names |= {c.ballot_number: c.name for c in gazetteer.by_number(3, "pemilu-2024")}
    assert "Anies" in names[1] and "Muhaimin" in names[1]
    assert "Prabowo" in names[2] and "Gibran" in names[2]
    assert "Ganjar" in names[3] and "Mahfud" in names[3]


def test_every_entry_says_where_it_came_from() -> None:
    gazetteer = default_gazetteer()
    assert all(e.source and e.review_status in {"confirmed", "needs_review"} for e in gazetteer.entries)
    dki = {c.ballot_number: c.name for c in gazetteer.candidates.values() if c.region == "dki-jakarta"}
    assert dki == {
        1: "Ridwan Kamil – Suswono",
        2: "Dharma Pongrekun – Kun Wardana",
        3: "Pramono Anung – Rano Karno",
    }


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "g.csv"
    path.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


def test_bad_rows_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "pilkada-2024,kota-x,1,Budi – Ani,name,Budi,test,confirmed",
            "pilkada-2024,kota-x,dua,Cici – Dedi,name,Cici,test,confirmed",
        ],
    )
    with pytest.raises(ValidationError) as info:
        load_gazetteer(path)
    assert info.value.details == {"file": str(path), "line": 3}
    assert "nomor urut" in info.value.message


def test_unknown_kind_and_missing_columns_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="jenis"):
        load_gazetteer(_write(tmp_path, ["pilkada-2024,kota-x,1,Budi – Ani,celebrity,Budi,test,confirmed"]))
    bad = tmp_path / "h.csv"
    bad.write_text("alias\nBudi\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="kolom wajib"):
        load_gazetteer(bad)


def test_custom_gazetteer_resolves_numbers_within_an_election(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "pilkada-2024,kota-x,1,Budi Santoso – Ani,name,Budi Santoso,uji,confirmed",
            "pilkada-2024,kota-x,2,Cici – Dedi,name,Cici Lestari,uji,needs_review",
        ],
    )
    screener = Screener(default_cue_book(), load_gazetteer(path), default_lexicon(), None)
    named = screener.screen(ScreenRequest("Foto bareng Budi Santoso, coblos nomor 2 ya"))
    ids = [c.id for c in named.candidates]
    assert ids == ["pilkada-2024/kota-x/1", "pilkada-2024/kota-x/2"]
    assert named.candidates[0].review_status == "confirmed"
    assert named.candidates[0].evidence[0].text == "Budi Santoso"


def test_a_bare_number_stays_unresolved_when_ambiguous(lexical: Screener) -> None:
    result = lexical.screen(ScreenRequest("paslon 02 pasti menang"))
    assert [c.id for c in result.candidates] == ["nomor-urut:2"]
    resolved = lexical.screen(ScreenRequest("paslon 02 pasti menang", election_id="pemilu-2024"))
    assert [c.id for c in resolved.candidates] == ["pemilu-2024/nasional/2"]
