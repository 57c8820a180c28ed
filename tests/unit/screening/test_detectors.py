from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import require_or_skip

from netralitas.rules.behaviours import Behaviour
from netralitas.screening import Screener, ScreenRequest, screen_text

#: Hand-written examples, one or more per label: the lexical layer alone must find the label.
POSITIVES = [
    ("social_media_post", "Pak camat pasang status WA dukung paslon 02 #PrabowoGibran"),
    (
        "social_media_post",
        "Terlapor mengunggah video di akun TikTok pribadinya dengan caption mendukung Ganjar-Mahfud",
    ),
    ("like_comment_share", "Guru itu nge-like dan komen di postingan akun resmi tim pemenangan paslon 01"),
    ("like_comment_share", "Seorang lurah bergabung dengan grup WA relawan Prabowo-Gibran"),
    ("photo_with_candidate", "Kepala dinas berfoto bersama calon bupati petahana di rumah makan"),
    ("partisan_gesture", "Foto para guru berpose dua jari di depan sekolah beredar luas"),
    ("partisan_gesture", "Camat berfoto sambil mengacungkan tiga jari bersama kader PDIP"),
    ("attend_campaign", "PNS Dinas Pertanian ikut kampanye akbar paslon nomor urut 3 di stadion"),
    ("declaration_attendance", "Sekcam hadir dalam deklarasi bakal calon wali kota pada Minggu malam"),
    ("campaign_speaker_or_organizer", "Terlapor menjadi ketua tim pemenangan pasangan calon di kecamatan"),
    ("wear_party_attributes", "Bidan puskesmas memakai kaos bergambar Anies saat jalan sehat"),
    ("install_campaign_props", "Satpol PP kedapatan memasang baliho paslon 2 di pagar kantor"),
    (
        "mobilize_subordinates_or_public",
        "Kepala sekolah mengajak para guru untuk memilih paslon 03 saat rapat",
    ),
    ("use_state_facilities", "Mobil dinas camat dipakai mengangkut logistik kampanye calon bupati"),
    ("decision_benefiting_candidate", "Kadis memutasi pegawai yang tidak mendukung petahana ke pelosok"),
    ("give_goods_or_money", "Lurah membagikan sembako kepada warga agar memilih paslon 1"),
    ("give_goods_or_money", "Ada serangan fajar dari oknum PNS semalam"),
    (
        "support_letter_ktp",
        "Staf kelurahan mengumpulkan fotokopi KTP warga untuk dukungan calon perseorangan",
    ),
    ("party_membership", "Guru PPPK itu ternyata terdaftar sebagai anggota partai di Sipol"),
    ("party_membership", "Kabid itu pengurus DPC Gerindra"),
    ("candidacy_without_resign", "Camat mendaftar ke KPU sebagai bakal calon bupati tanpa mengundurkan diri"),
    ("other", "ASN itu meminjamkan rumahnya sebagai posko pemenangan paslon 02"),
]

#: Allowed: general calls to vote, neutrality appeals, news on the rules, programmes naming no side.
ALLOWED = [
    "Ayo gunakan hak pilih kalian tanggal 27 November, jangan golput!",
    "Yuk datang ke TPS, satu suara menentukan masa depan daerah kita",
    "ASN wajib menjaga netralitas dan tidak boleh mendukung salah satu pasangan calon di media sosial.",
    "Bawaslu mengingatkan ASN dilarang memasang baliho calon dan dilarang ikut kampanye.",
    "Sesuai PP 94/2021, PNS yang terbukti ikut kampanye dapat dijatuhi hukuman disiplin berat.",
    "Pemkab meluncurkan program bantuan bibit gratis untuk petani mulai bulan depan.",
    "Pemda membagikan beras bantuan pangan kepada warga terdampak banjir.",
    "Selamat pagi semua, jangan lupa sarapan dan semangat kerja hari ini 🙏",
    "Apel pagi: bupati meminta camat dan lurah menjaga netralitas selama pilkada",
]

SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"


def test_every_label_has_a_positive_example() -> None:
    covered = {label for label, _ in POSITIVES}
    assert covered == {b.value for b in Behaviour if b is not Behaviour.NONE}


@pytest.mark.parametrize(("label", "text"), POSITIVES)
def test_lexical_detectors_find_the_label_with_evidence(lexical: Screener, label: str, text: str) -> None:
    result = lexical.screen(ScreenRequest(text))
    assert label in result.labels, result.to_dict()
    hit = next(b for b in result.behaviours if b.label == label)
    assert hit.evidence
    for span in hit.evidence:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed_patterns_are_not_flagged(lexical: Screener, text: str) -> None:
    assert lexical.screen(ScreenRequest(text)).labels == ("none",)


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed_patterns_are_not_flagged_with_the_model(text: str) -> None:
    assert screen_text(text).labels == ("none",)


def test_negation_cancels_an_action(lexical: Screener) -> None:
    flagged = lexical.screen(ScreenRequest("Camat memasang baliho paslon 02 di depan kantor"))
    negated = lexical.screen(ScreenRequest("Camat tidak memasang baliho paslon 02 di depan kantor"))
    assert "install_campaign_props" in flagged.labels
    assert "install_campaign_props" not in negated.labels


def test_the_five_seed_articles_come_out_none() -> None:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    require_or_skip(len(files) == 5, f"seed articles not found in {SEEDS}")
    for file in files:
        result = screen_text(file.read_text(encoding="utf-8"))
        assert result.labels == ("none",), (file.name, result.to_dict()["behaviours"])


def test_asn_cues_are_reported_with_category(lexical: Screener) -> None:
    text = "Seorang guru PPPK berseragam dinas di kantor camat"
    cues = {(c.cue, c.category) for c in lexical.screen(ScreenRequest(text)).asn_cues}
    assert {("guru", "position"), ("pppk", "status"), ("kantor camat", "office")} <= cues


_PIECES = [*"aiu dknprst02#✌.\n", "paslon ", "dukung ", "pasang baliho ", "PPPK ", "bangeeet "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_text_screens_with_evidence_inside_the_original(text: str) -> None:
    result = screen_text(text)
    assert result.labels
    for hit in result.behaviours:
        for span in hit.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
