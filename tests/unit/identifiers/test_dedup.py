from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netralitas.identifiers.duplicates import ReportFeatures, index_keys, suggest_duplicates, text_similarity

NIP = "19850312 201001 1 003"
OTHER_NIP = "19900101 201503 2 010"
TEXT = (
    "Camat Sukamaju mengunggah foto bersama pasangan calon nomor urut dua di Facebook "
    "sambil mengacungkan dua jari dan mengajak warga memilih pada hari pemungutan suara"
)


def features(**kwargs: object) -> ReportFeatures:
    return ReportFeatures(**kwargs)  # type: ignore[arg-type]


def codes(suggestion: object) -> list[str]:
    return [r.code for r in suggestion.reasons]  # type: ignore[attr-defined]


def test_same_nip_written_differently() -> None:
    new = features(nip=NIP)
    result = suggest_duplicates(
        new, [("c1", features(nip="198503122010011003")), ("c2", features(nip=OTHER_NIP))]
    )
    assert [s.case_id for s in result] == ["c1"]
    assert codes(result[0]) == ["same_nip"]
    assert "NIP terlapor sama (19850312 201001 1 003)" in result[0].reasons[0].message


def test_invalid_nips_do_not_match() -> None:
    result = suggest_duplicates(features(nip="123"), [("c1", features(nip="123"))])
    assert result == []


def test_similar_name_same_agency_but_not_other_agency() -> None:
    new = features(person_name="Drs. H. Ahmad Yani, M.Si.", agency_id="pemkab-garut")
    candidates = [
        ("same", features(person_name="Ahmad Yani", agency_id="pemkab-garut")),
        ("other-agency", features(person_name="Ahmad Yani", agency_id="pemkot-bandung")),
        ("different-person", features(person_name="Budi Santoso", agency_id="pemkab-garut")),
    ]
    result = suggest_duplicates(new, candidates)
    assert [s.case_id for s in result] == ["same"]
    assert codes(result[0]) == ["similar_name_same_agency"]
    assert "instansinya sama" in result[0].reasons[0].message


def test_different_nips_veto_name_match() -> None:
    new = features(person_name="Ahmad Yani", agency_id="a", nip=NIP)
    result = suggest_duplicates(
        new, [("c", features(person_name="Ahmad Yani", agency_id="a", nip=OTHER_NIP))]
    )
    assert result == []


def test_name_only_is_weak_alone_but_counts_with_text() -> None:
    new = features(person_name="Ahmad Yani", description=TEXT)
    alone = suggest_duplicates(new, [("c", features(person_name="Ahmad Yani"))])
    assert alone == []
    assert suggest_duplicates(new, [("c", features(person_name="Ahmad Yani"))], min_score=0.3)[0].score < 0.5
    both = suggest_duplicates(new, [("c", features(person_name="Achmad Yani", description=TEXT))])
    assert codes(both[0]) == ["similar_text", "similar_name"]


def test_same_link_after_normalisation() -> None:
    new = features(links=("https://m.facebook.com/story.php?story_fbid=1&id=2&mibextid=x",))
    old = features(links=("https://www.facebook.com/story.php?id=2&story_fbid=1",))
    result = suggest_duplicates(new, [("c", old)])
    assert codes(result[0]) == ["same_link"]
    assert "facebook.com/story.php?id=2&story_fbid=1" in result[0].reasons[0].message


def test_near_identical_text() -> None:
    reworded = TEXT.replace("mengunggah", "memposting").upper() + "!!"
    result = suggest_duplicates(features(description=TEXT), [("c", features(description=reworded))])
    assert codes(result[0]) == ["similar_text"]
    assert "hampir sama" in result[0].reasons[0].message


def test_short_text_contained_in_long_text_is_not_a_duplicate() -> None:
    assert text_similarity("ASN kampanye di Facebook", TEXT) == 0.0
    assert text_similarity("foto camat bersama pasangan calon nomor dua", TEXT) < 0.85


def test_signals_add_up_and_rank() -> None:
    new = features(
        nip=NIP, person_name="Ahmad Yani", agency_id="a", links=("x.com/a/status/1",), description=TEXT
    )
    candidates = [
        ("link-only", features(links=("https://twitter.com/a/status/1?s=20",))),
        ("everything", features(nip=NIP, person_name="Ahmad Yani", agency_id="a", description=TEXT)),
        ("text-only", features(description=TEXT)),
    ]
    result = suggest_duplicates(new, candidates)
    assert [s.case_id for s in result] == ["everything", "link-only", "text-only"]
    assert result[0].score > result[1].score > result[2].score
    assert codes(result[0])[0] == "same_nip"
    assert all(0 < s.score <= 1 for s in result)


def test_several_reports_per_case_grouped_with_best_reason() -> None:
    new = features(description=TEXT, links=("detik.com/berita/1",))
    candidates = [
        ("c", features(description="laporan lain yang sama sekali tidak berhubungan dengan kejadian ini")),
        ("c", features(links=("https://www.detik.com/berita/1?utm_source=wa",))),
        ("c", features(description=TEXT)),
    ]
    result = suggest_duplicates(new, candidates)
    assert len(result) == 1 and sorted(codes(result[0])) == ["same_link", "similar_text"]


def test_limit_and_threshold() -> None:
    candidates = [(f"c{i}", features(nip=NIP)) for i in range(9)]
    result = suggest_duplicates(features(nip=NIP), candidates, limit=3)
    assert [s.case_id for s in result] == ["c0", "c1", "c2"]
    assert suggest_duplicates(features(nip=NIP), candidates, min_score=0.99) == []


def test_index_keys() -> None:
    keys = index_keys(
        features(
            nip=NIP,
            person_name="Hj. Siti Aminah, S.Pd.",
            agency_id="a",
            links=("https://www.detik.com/x/", "mailto:x@y.id", "detik.com/x"),
        )
    )
    assert keys.nip == "198503122010011003" and keys.name == "siti aminah"
    assert keys.links == ("detik.com/x",) and keys.agency_id == "a"
    empty = index_keys(features(nip="bukan nip", person_name="Drs."))
    assert empty.nip is None and empty.name is None and empty.links == ()


@given(st.text(max_size=200), st.text(max_size=200))
def test_text_similarity_bounded_and_symmetric(a: str, b: str) -> None:
    score = text_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert abs(score - text_similarity(b, a)) < 1e-9


@given(st.text(min_size=1, max_size=40), st.text(max_size=300))
def test_a_report_always_matches_itself(name: str, text: str) -> None:
    me = features(nip=NIP, person_name=name, agency_id="a", description=text)
    result = suggest_duplicates(me, [("self", me)])
    assert result and result[0].case_id == "self" and result[0].score >= 0.95
