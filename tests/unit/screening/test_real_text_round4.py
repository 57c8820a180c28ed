"""Round 4 of real-text phrasing families (issue 11): redacted names of a side in quoted posts
and speeches ("coblos (.....)", "pilih [...]", "dukung ***"), and officials assuring that state
facilities are NOT used for any side's campaign. The sentences are written for these tests
(none is from the development set)."""

from __future__ import annotations

import pytest

from netralitas.screening import Screener, screen_text
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


@pytest.mark.parametrize(
    "text",
    [
        # officials assuring a facility is not used, returning official cars, refusing "any side"
        "Lurah memastikan kantor kelurahan tidak dipakai untuk kegiatan kampanye pasangan calon mana pun.",
        "Pemkot memastikan gedung pemerintah dan mobil dinas tidak digunakan untuk kampanye paslon manapun.",
        "Calon gubernur petahana cuti kampanye dan mengembalikan mobil dinas kepada sekretariat daerah.",
        "Bupati menjamin aula kantor bupati tidak akan dipinjamkan kepada tim kampanye calon mana pun.",
        "Selama cuti kampanye, wakil bupati yang maju sebagai calon tidak lagi memakai kendaraan dinas.",
        "Bupati petahana menyerahkan kembali kendaraan dinasnya sebelum mengikuti masa kampanye.",
    ],
)
def test_facility_not_used_stays_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text) == {"none"}


@pytest.mark.parametrize(
    "text",
    [
        "Mobil dinas camat digunakan untuk mengangkut massa kampanye pasangan calon nomor urut 2.",
        "Aula kantor kecamatan dipinjamkan kepada tim pemenangan calon bupati untuk rapat konsolidasi.",
        "Kepala sekolah mengizinkan ruang kelas dipakai untuk sosialisasi caleg partai itu pada jam sekolah.",
        # an assurance reported and then contradicted by what was seen stays a report
        "Camat mengaku kantor camat tak dipakai untuk kampanye, namun warga merekam spanduk paslon di situ.",
    ],
)
def test_facility_used_is_found(lexical: Screener, text: str) -> None:
    assert "use_state_facilities" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        # election administration: "pemungutan/penghitungan suara" is no vote word
        "Camat menghadiri pelantikan panitia pemungutan suara di aula kantor kecamatan.",
        "Kantor kecamatan tutup pada hari pemungutan suara dan buka kembali keesokan harinya.",
        "Sekolah yang dipakai sebagai tempat pemungutan suara diliburkan, kata kepala dinas pendidikan.",
        # an old video or photo, unrelated to the election
        "Beredar video kades berkampanye, namun polisi memastikan itu video lama dan tidak terkait pilkada.",
        # resigning before running
        "Kades itu resmi mengundurkan diri sebelum mendaftar sebagai calon anggota DPRD dari partai itu.",
    ],
)
def test_election_administration_and_resignations_stay_none(text: str) -> None:
    # with the packaged model: these are appeal sentences, so the model alone cannot flag them
    assert set(screen_text(text).labels) == {"none"}


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # money handed out just before the vote is still vote buying
        (
            "Seorang PPPK ditangkap saat membagikan uang kepada warga menjelang hari pemungutan suara.",
            "give_goods_or_money",
        ),
        ("Kepala dusun membagikan amplop kepada warga pada masa tenang.", "give_goods_or_money"),
        # not having resigned is still found
        (
            "Belum mundur dari ASN, kepala bidang itu sudah mendaftar sebagai bakal calon ke partai.",
            "candidacy_without_resign",
        ),
    ],
)
def test_vote_day_and_no_resignation_found(lexical: Screener, text: str, present: str) -> None:
    assert present in _labels(lexical, text)


def test_terima_kasih_is_no_asn_cue(lexical: Screener) -> None:
    # "kasi" (a section head) normalises to "kasih": it named an ASN in every "terima kasih"
    result = lexical.screen(ScreenRequest("Terima kasih atas dukungan warga semua."))
    assert not result.asn_cues


@pytest.mark.parametrize(
    "text",
    [
        # a citizen's or a candidate's own post
        "Seorang warganet mengunggah foto bersama calon wali kota di Instagram dan menulis dukungannya.",
        "Calon bupati itu menulis di Facebook: terima kasih atas dukungan warga, mari menangkan perubahan.",
        # support for the election itself
        "Camat meminta warga mendukung suksesnya pilkada dengan datang ke TPS.",
    ],
)
def test_own_posts_and_support_for_the_election_stay_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text) == {"none"}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Kepala desa terekam melakukan pembagian amplop berisi uang kepada warga untuk paslon nomor 1.",
            "give_goods_or_money",
            None,
        ),
        # a programme's distribution is a state programme, not the official's own gift
        (
            "Camat berpidato di acara pembagian bantuan dan meminta warga memilih bupati petahana.",
            "mobilize_subordinates_or_public",
            "give_goods_or_money",
        ),
    ],
)
def test_distribution(lexical: Screener, text: str, present: str, absent: str | None) -> None:
    labels = _labels(lexical, text)
    assert present in labels
    assert absent is None or absent not in labels


def test_conditional_report_request_stays_none(lexical: Screener) -> None:
    text = "Kalau ada camat atau lurah yang mengarahkan warga memilih calon tertentu, laporkan ke kami."
    assert _labels(lexical, text) == {"none"}


def test_no_asn_found_stays_none(lexical: Screener) -> None:
    text = "Yang hadir di kampanye itu warga biasa dan simpatisan partai, tidak ada ASN yang kami temukan."
    assert _labels(lexical, text) == {"none"}
