"""Round 3 of real-text phrasing families (issue 11): overseers at campaign events, a candidate's
own campaigning after a leading phrase, denials, comments on someone else's upload, chat-group
messages, all-sides and analysts' sentences, "ikut berkampanye", conditional threats and "bukan
untuk kampanye". The sentences are written for these tests (none is from the development set)."""

from __future__ import annotations

import pytest

from netralitas.screening import Screener
from netralitas.screening.screener import ScreenRequest


def _labels(screener: Screener, text: str) -> set[str]:
    return set(screener.screen(ScreenRequest(text)).labels)


@pytest.mark.parametrize(
    "text",
    [
        # overseers and security supervising an event
        "Panwaslu kecamatan memantau jalannya kampanye dialogis calon bupati di balai pertemuan warga.",
        "Ratusan personel gabungan berjaga di sekitar lokasi kampanye akbar pasangan nomor urut 1.",
        "Petugas Bawaslu datang ke rapat umum caleg partai itu untuk mengawasi, bukan untuk ikut kampanye.",
        # a candidate's own campaigning after a leading phrase
        "Saat blusukan ke pasar ikan, calon wali kota nomor urut 1 mengajak pedagang memilihnya.",
        "Di depan ratusan simpatisan, caleg partai itu membagikan kaos bergambar dirinya.",
        "Dalam kampanye akbarnya, pasangan calon gubernur meminta relawan memenangkan setiap TPS.",
        # denials
        "Kepala dinas itu membantah memasang baliho calon gubernur di kantornya.",
        "Sekretaris camat menepis kabar dirinya menghadiri kampanye pasangan calon bupati.",
        # all sides, analysts, election bodies
        "Ketiga pasangan calon bupati menghadiri deklarasi kampanye damai bersama penyelenggara pemilu.",
        "Pengamat menilai ASN rawan dimutasi bila calon petahana kalah.",
        "Seluruh pasangan calon diminta menjaga kampanye yang santun dan bebas politik uang.",
        # "harus" with neutrality, and an address with free choice, stay appeals
        "ASN harus netral dan tidak boleh mendukung calon mana pun.",
        "Bapak ibu, pilihlah pemimpin sesuai hati nurani, jangan karena uang.",
        # a name used without consent, a call in someone's name, a resignation before running
        "Seorang bidan kaget namanya tercatat sebagai anggota partai politik tanpa sepengetahuannya.",
        "Beredar ajakan mendukung calon gubernur yang mengatasnamakan PGRI; itu bukan sikap resmi.",
        "Kepala dinas itu telah mengundurkan diri dari PNS sebelum maju pilkada tahun ini.",
        # lent for something else
        "Rumah dinas itu dipinjamkan untuk acara keluarga bupati, bukan untuk kampanye.",
    ],
)
def test_round3_negatives_stay_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text) == {"none"}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # an official named in the sentence: the overseer rule does not hide the act
        (
            "Bawaslu mengawasi kampanye itu dan mendapati seorang camat ikut berorasi untuk calon bupati.",
            "campaign_speaker_or_organizer",
            None,
        ),
        # a leading phrase does not hide an official's act
        (
            "Saat kampanye di lapangan, seorang guru PNS naik panggung dan berorasi mendukung calon bupati.",
            "campaign_speaker_or_organizer",
            None,
        ),
        # an allegation described before the denial stays
        (
            "Seorang lurah diduga memasang spanduk calon wali kota di pagar kantor, namun ia membantahnya.",
            "install_campaign_props",
            None,
        ),
        # a comment of support on a candidate's upload is commenting, not an own post
        (
            "Seorang staf dinas memberikan komentar dukungan pada unggahan calon bupati di Instagram.",
            "like_comment_share",
            "social_media_post",
        ),
        (
            "Beberapa guru berkomentar mendukung di postingan akun pasangan calon wali kota.",
            "like_comment_share",
            "social_media_post",
        ),
        # a message to a chat group is labelled by what it asks, not as a post
        (
            "Kepala sekolah mengirim pesan ke grup WhatsApp guru, meminta mereka memilih calon petahana.",
            "mobilize_subordinates_or_public",
            "social_media_post",
        ),
        # an own WhatsApp status is a post
        (
            "Seorang bidan desa memasang status WhatsApp berisi dukungan untuk paslon nomor 2.",
            "social_media_post",
            None,
        ),
        # passing campaign content into a chat group is sharing
        (
            "Seorang operator sekolah meneruskan video kampanye calon wali kota ke grup WhatsApp wali murid.",
            "like_comment_share",
            "social_media_post",
        ),
        (
            "Poster paslon nomor 3 disebarkan seorang staf kelurahan ke grup WA RT setempat.",
            "like_comment_share",
            None,
        ),
        # an own status stays a post, not sharing
        (
            "Status WhatsApp seorang guru berisi foto paslon nomor 3 dan tulisan dukungan, lalu dibagikan.",
            "social_media_post",
            "like_comment_share",
        ),
        # "ikut berkampanye" is campaigning, not attending
        (
            "Seorang penyuluh pertanian ikut berkampanye untuk calon bupati di acara syukuran warga.",
            "campaign_speaker_or_organizer",
            "attend_campaign",
        ),
        # speech: a form of address, a vote verb and a side
        (
            "Bapak ibu sekalian, tanggal 9 nanti pilih nomor tiga, itu yang terbaik buat kampung kita.",
            "mobilize_subordinates_or_public",
            None,
        ),
        # speech: "harus" with a vote verb is a call, not a rule
        (
            "Pokoknya kecamatan kita harus menang untuk paslon nomor 1, saya tidak mau dengar alasan.",
            "mobilize_subordinates_or_public",
            None,
        ),
        # speech: loyalty made a condition of a sanction
        (
            "Honorer yang tidak loyal dan tidak ikut arahan pimpinan akan kita evaluasi kontraknya.",
            "mobilize_subordinates_or_public",
            None,
        ),
        # evasion ("agar tidak mencolok") reports an act, it is no prohibition
        (
            "Lurah meminta ketua RT mengarahkan warga mendukung calon petahana agar tidak mencolok.",
            "mobilize_subordinates_or_public",
            None,
        ),
        # coordinating support for a side is organising
        (
            "Para kades berkumpul untuk mengoordinasikan dukungan bagi salah satu pasangan calon gubernur.",
            "campaign_speaker_or_organizer",
            None,
        ),
        # news prose puts words between the organising act and the side
        (
            "Seorang camat berorasi di hadapan ratusan warga desa untuk mendukung calon bupati petahana.",
            "campaign_speaker_or_organizer",
            None,
        ),
        # moving others to back a side is mobilising, not organising a campaign
        (
            "Kepala dinas menggerakkan para pegawai agar mendukung calon gubernur petahana.",
            "mobilize_subordinates_or_public",
            "campaign_speaker_or_organizer",
        ),
        # a meeting at the candidate's own home lends no place
        (
            "Seorang camat mengajak para kepala desa bertemu calon bupati di kediaman calon tersebut.",
            "mobilize_subordinates_or_public",
            "other",
        ),
        # conditional threats in "jika tidak mendukung" form
        (
            "Kepala desa mengancam mencabut bantuan warga jika tidak mendukung pasangan calon nomor 1.",
            "decision_benefiting_candidate",
            None,
        ),
        (
            "Lurah itu disebut akan menunda pencairan bansos bila tidak mendukung calon wali kota petahana.",
            "mobilize_subordinates_or_public",
            None,
        ),
    ],
)
def test_round3_acts_are_found(lexical: Screener, text: str, present: str, absent: str | None) -> None:
    labels = _labels(lexical, text)
    assert present in labels
    if absent is not None:
        assert absent not in labels
