"""Screening on real-text phrasing (issue 11): verb morphology, passive/-kan forms, appeals and
conditionals, names the gazetteer does not know, evidence trimmed to words, region-safe ballot
numbers, unknown elections, the "perlu dibaca" outcome and the development-set report. The
sentences are written for these tests (none is from the development set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.screening import Screener
from netralitas.screening.corpus import Corpus, Example, select_half
from netralitas.screening.morphology import expand_phrase, verb_forms
from netralitas.screening.screener import ScreenRequest, cached_screener

runner = CliRunner()


def _labels(screener: Screener, text: str) -> set[str]:
    return set(screener.screen(ScreenRequest(text)).labels)


def test_verb_forms_cover_active_passive_and_spoken_forms() -> None:
    forms = verb_forms("pasang")
    for form in ("memasang", "dipasang", "terpasang", "memasangkan", "dipasangi", "masang", "masangin"):
        assert form in forms
    assert "pasangan" not in forms  # nominal forms are not generated
    assert "terekam" in verb_forms("rekam") and "menyebar" in verb_forms("sebar")
    assert expand_phrase("~unggah foto")[:2] == ("unggah foto", "diunggah foto")
    assert expand_phrase("baliho") == ("baliho",)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Foto pasangan calon bupati itu diunggah sang camat ke akun Facebook pribadinya.",
            "social_media_post",
        ),
        (
            "Sekda diduga menggerakkan para lurah agar mendukung pasangan calon tertentu.",
            "mobilize_subordinates_or_public",
        ),
        ("Spanduk bakal calon wali kota ditemukan terpasang di kantor kecamatan.", "use_state_facilities"),
        ("Dua guru honorer berswafoto bersama seorang caleg di halaman sekolah.", "photo_with_candidate"),
        ("Kepala dinas itu tercatat dalam data keanggotaan partai politik.", "party_membership"),
        (
            "Kepala desa berkampanye di balai warga dan meminta warga memilih caleg partainya.",
            "campaign_speaker_or_organizer",
        ),
        (
            "Saya mohon bapak ibu sekalian, mari kita menangkan RUDI-ANA di kecamatan ini.",
            "mobilize_subordinates_or_public",
        ),
    ],
)
def test_real_phrasing_is_found(lexical: Screener, text: str, label: str) -> None:
    assert label in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "ASN jangan sekali-kali memberi like, membagikan atau berkomentar di postingan pasangan calon.",
        "Bagi PNS yang kedapatan memasang baliho calon bupati akan dikenai sanksi disiplin.",
        "Ayo ke TPS tanggal 27 November, jangan lupa gunakan hak pilih Anda!",
        "Camat menghadiri deklarasi damai para calon kepala daerah di aula kecamatan.",
        "Pesan berantai soal gaji guru ditahan bila tidak memilih paslon tertentu dinyatakan hoaks.",
    ],
)
def test_appeals_rules_and_debunks_stay_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text) == {"none"}


def test_object_clitic_forms_are_verb_forms() -> None:
    assert "mengunggahnya" in verb_forms("unggah") and "menempelkannya" in verb_forms("tempel")
    assert "diunggahnya" in verb_forms("unggah")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # ballot numbers in words, regional "don't forget" calls
        ("Sedulur kabeh, ojo lali tanggal 9 nyoblos nomer loro ya.", "mobilize_subordinates_or_public"),
        ("Hayu urang sadaya ulah hilap, pilih nu nomer hiji.", "mobilize_subordinates_or_public"),
        ("Mari torang samua pilih pasangan nomor tiga.", "mobilize_subordinates_or_public"),
        # a speech call to an audience without a named side
        (
            "Saya minta bapak ibu bantu kami memenangkan beliau di desa ini.",
            "mobilize_subordinates_or_public",
        ),
        # campaigning is the act, whoever does it
        (
            "Seorang sekretaris camat berkampanye di sebuah pesta pernikahan warga.",
            "campaign_speaker_or_organizer",
        ),
        # a candidate misusing a state car is still a misuse
        ("Seorang caleg memakai mobil dinas pelat merah saat kampanye di pasar.", "use_state_facilities"),
        (
            "Seorang guru mengunggahnya ke Instagram dengan tulisan dukungan untuk calon bupati.",
            "social_media_post",
        ),
        # a threat conditioned on the vote also mobilises
        (
            "Yang dapat BLT kalau tidak nurut ya bantuannya saya cabut, ingat itu.",
            "mobilize_subordinates_or_public",
        ),
        ("Rumah seorang guru negeri dijadikan posko pemenangan seorang caleg.", "other"),
    ],
)
def test_speech_regional_and_actor_independent_phrasing(lexical: Screener, text: str, label: str) -> None:
    assert label in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        # own campaigning of candidates, teams and retired officials
        "Calon bupati nomor urut 2 berkampanye di pasar dan membagikan brosur kepada pedagang.",
        "Seorang caleg mengunggah video kampanye di akun Instagram miliknya.",
        "Relawan pasangan calon menggelar deklarasi dukungan di gedung olahraga.",
        "Seorang pensiunan PNS kini aktif sebagai juru kampanye sebuah partai.",
        # KPU stages, debunks, free choice
        "Setelah tahapan pendaftaran, pasangan calon diundang ke kantor KPU untuk pengundian nomor urut.",
        "Nama seorang guru dicatut sebagai anggota partai politik; ia tidak tahu menahu soal itu.",
        "Bapak ibu, tanggal 27 datang ke TPS, pilih sesuai hati nurani masing-masing.",
        "Sekolah tidak boleh dipakai kampanye. Jika ditemukan, pihak sekolah bisa terkena sanksi.",
        # prohibitive requests and what is allowed
        "Kepala dinas meminta para guru agar tidak mengunggah foto pasangan calon di media sosial.",
        "Aparatur boleh hadir di kampanye hanya sebagai pendengar, tanpa atribut.",
    ],
)
def test_own_campaigning_stages_debunks_and_free_choice_stay_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text) == {"none"}


def test_prioritas_nomor_satu_is_no_ballot_number(lexical: Screener) -> None:
    result = lexical.screen(ScreenRequest("Pendidikan adalah prioritas nomor satu bagi pemerintah daerah."))
    assert result.candidates == ()


def test_a_real_call_to_vote_for_a_side_stays_positive(lexical: Screener) -> None:
    assert "mobilize_subordinates_or_public" in _labels(
        lexical, "Jangan lupa coblos paslon 02 ya bapak ibu guru!"
    )


def test_uniform_is_a_state_facility_not_a_party_attribute(lexical: Screener) -> None:
    labels = _labels(
        lexical, "Lurah itu mengenakan pakaian dinas saat menyatakan dukungan kepada paslon nomor urut 1."
    )
    assert "use_state_facilities" in labels and "wear_party_attributes" not in labels


def test_evidence_is_trimmed_to_words(lexical: Screener) -> None:
    text = "Dukung terus paslon 02! # #"
    for hit in lexical.screen(ScreenRequest(text)).behaviours:
        for span in hit.evidence:
            assert span.text.strip() and any(c.isalnum() for c in span.text[0] + span.text[-1])


def test_bare_number_never_becomes_a_pair_of_another_region(lexical: Screener) -> None:
    result = lexical.screen(
        ScreenRequest("Salam 3 jari buat bu calon bupati kita!", election_id="pilkada-2024")
    )
    assert [c.kind for c in result.candidates] == ["number"]
    national = lexical.screen(ScreenRequest("Coblos paslon 02!", election_id="pemilu-2024"))
    assert [c.id for c in national.candidates] == ["pemilu-2024/nasional/2"]


def test_unknown_election_is_an_error_with_the_known_ids(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "paslon 02", "election": "pilpres-2099"}, {"id": "b", "text": "paslon 02"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    bad = runner.invoke(app, ["screen", str(source), "--election", "pilpres-2099", "--lexical-only"])
    assert bad.exit_code == 2 and "pemilu-2024" in bad.stderr
    lines = runner.invoke(app, ["screen", str(source), "--lexical-only"])
    assert lines.exit_code == 1
    assert "baris 1: pemilihan tidak dikenal 'pilpres-2099'" in lines.stderr and "pemilu-2024" in lines.stderr
    assert [json.loads(line)["id"] for line in lines.stdout.splitlines() if line.startswith("{")] == ["b"]


def test_model_only_signal_is_perlu_dibaca_not_a_label() -> None:
    screener = cached_screener(None, True)
    if screener.model is None:
        pytest.skip("no packaged model")  # the model ships in the package; this does not happen in CI
    texts = [
        "Pak RT kemarin semangat sekali bilang kita semua harus ke Pak Budi nomor 2 ya",
        "Harga cabai naik lagi.",
    ]
    for result in screener.screen_many([ScreenRequest(t) for t in texts]):
        assert not (result.review and result.labels != ("none",))
        assert all(hit.source == "model" and hit.evidence for hit in result.review)
        if result.review:
            assert "perlu_dibaca" in result.to_dict()


def test_halves_split_a_corpus_by_id() -> None:
    examples = tuple(Example(f"dev-{i:03d}", "teks", ("none",), "negative", False) for i in range(40))
    corpus = Corpus(examples, ())
    tuning, held = select_half(corpus, "tuning"), select_half(corpus, "held-out")
    assert len(tuning.examples) + len(held.examples) == 40
    assert {e.id for e in tuning.examples}.isdisjoint(e.id for e in held.examples)
    assert tuning.examples and held.examples
