"""Round 6 of real-text phrasing families (issue 11): positives the screener missed or labelled
wrongly (support letters and KTP lists, attending a declaration vs a campaign, recruiting a
winning team, commenting on someone's post). Every sentence is written for these tests (none is
from the development set); each family has flagged sentences and similar negatives (appeals, rules
news, citizens or candidates acting for themselves) that must stay as they were."""

from __future__ import annotations

import pytest

from netralitas.screening import Screener, screen_text
from netralitas.screening.screener import ScreenRequest


def _labels(screener: Screener, text: str, kind: str | None = None) -> set[str]:
    return set(screener.screen(ScreenRequest(text, kind=kind)).labels)


# --- support documents: being listed in a candidate's support files, signed statements of support


@pytest.mark.parametrize(
    "text",
    [
        "Puluhan guru PNS tercatat dalam daftar dukungan bakal calon bupati jalur perseorangan.",
        "Nama seorang camat ditemukan dalam berkas dukungan calon independen wali kota saat verifikasi.",
        "Data sejumlah pegawai puskesmas dimasukkan ke dokumen dukungan pasangan calon perseorangan.",
        "Lurah itu namanya tercantum di daftar dukungan paslon nomor 2 pada pilkada kota.",
        (
            "Yang bertanda tangan di bawah ini, para kepala dusun se-Kecamatan Lembang, "
            "menyatakan siap mendukung pasangan calon bupati nomor urut 3."
        ),
        "Dengan ini menyatakan mendukung penuh paslon nomor 1 demi kemajuan desa kami.",
        "Seorang sekdes diduga menandatangani surat pernyataan mendukung calon gubernur petahana.",
    ],
)
def test_support_documents_are_support_letters(lexical: Screener, text: str) -> None:
    assert "support_letter_ktp" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "KPU memverifikasi berkas dukungan bakal calon perseorangan hingga akhir bulan.",
        "Syarat daftar dukungan calon independen wali kota minimal 8,5 persen dari jumlah pemilih.",
        "Printer kantor dipakai untuk mencetak daftar dukungan? Bawaslu memastikan kabar itu tidak benar.",
        (
            "Dengan ini menyatakan bahwa kami, kepala desa se-kecamatan, akan bersikap netral "
            "dalam pilkada dan tidak memihak."
        ),
        "Para kades menandatangani surat pernyataan netralitas di hadapan Bawaslu dan camat.",
        "Yang bertanda tangan di bawah ini menyatakan mendukung kelancaran pelaksanaan pilkada serentak.",
    ],
)
def test_support_documents_rules_and_neutrality_pledges_stay_none(text: str) -> None:
    assert "support_letter_ktp" not in set(screen_text(text).labels)


# --- attending a declaration is declaration_attendance, not attend_campaign


@pytest.mark.parametrize(
    "text",
    [
        "Tiga kepala sekolah negeri hadir dalam acara deklarasi bakal calon bupati di sebuah hotel.",
        "Seorang kabid dinas pertanian terlihat naik ke panggung deklarasi pasangan calon wali kota.",
        "Camat dan dua stafnya menghadiri deklarasi relawan pendukung calon gubernur di gedung pertemuan.",
        "Sekcam itu ikut dalam kegiatan deklarasi dukungan kepada paslon nomor 2 di balai pertemuan.",
    ],
)
def test_attending_a_declaration_is_not_attending_a_campaign(lexical: Screener, text: str) -> None:
    labels = _labels(lexical, text)
    assert "declaration_attendance" in labels
    assert "attend_campaign" not in labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a campaign event is still attending, also next to a declaration or in a meeting hall
        (
            "Seorang lurah menghadiri kampanye akbar paslon nomor 1 di gedung pertemuan kota.",
            {"attend_campaign"},
        ),
        (
            "Dua guru PNS hadir dalam acara silaturahmi bersama calon bupati di balai pertemuan desa.",
            {"attend_campaign"},
        ),
        # neutrality and peaceful-campaign declarations stay none
        ("Seluruh camat menghadiri acara deklarasi kampanye damai yang digelar KPU kabupaten.", {"none"}),
        ("ASN Pemkot mengikuti deklarasi netralitas di halaman balai kota, Senin pagi.", {"none"}),
    ],
)
def test_campaign_events_and_neutral_declarations_unchanged(text: str, labels: set[str]) -> None:
    assert set(screen_text(text).labels) == labels


# --- an act at a campaign event places the actor there


@pytest.mark.parametrize(
    "text",
    [
        "Seorang kepala sekolah membagikan buku tulis bergambar calon bupati di acara kampanye.",
        "Pegawai kecamatan itu duduk di kursi undangan pada acara kampanye paslon nomor 2.",
        "Video memperlihatkan seorang bidan PNS berjoget dalam acara kampanye caleg DPRD.",
    ],
)
def test_an_act_at_a_campaign_event_is_attending(lexical: Screener, text: str) -> None:
    assert "attend_campaign" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Bawaslu mengingatkan ASN agar tidak hadir di acara kampanye pasangan calon mana pun.",
        "Calon bupati membagikan kaos kepada warga dalam acara kampanye di lapangan desa.",
        "Jadwal acara kampanye paslon nomor 1 dan nomor 2 diumumkan KPU pekan ini.",
    ],
)
def test_campaign_events_in_appeals_and_own_campaigning_stay_none(text: str) -> None:
    assert set(screen_text(text).labels) == {"none"}


# --- made into a winning team (the passive/causative of "menjadi tim sukses")


@pytest.mark.parametrize(
    "text",
    [
        "Seorang camat meminta para ketua RT mencari warga untuk dijadikan tim sukses calon bupati.",
        "Guru honorer di sekolah itu dijadikan tim pemenangan paslon nomor 3 oleh kepala sekolahnya.",
        "Lurah itu diduga mendata pemuda karang taruna yang akan dijadikan relawan pasangan calon petahana.",
    ],
)
def test_made_into_a_team_is_organising(lexical: Screener, text: str) -> None:
    assert "campaign_speaker_or_organizer" in _labels(lexical, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a house made into a campaign post is lending a place (`other`), not organising
        (
            "Rumah seorang kepala dinas dijadikan posko pemenangan paslon nomor 2.",
            "campaign_speaker_or_organizer",
        ),
        ("Kepala desa mengingatkan warganya agar tidak mau dijadikan tim sukses oleh calon mana pun.", None),
    ],
)
def test_made_into_a_post_or_warned_against_it(text: str, absent: str | None) -> None:
    labels = set(screen_text(text).labels)
    if absent is None:
        assert labels == {"none"}
    else:
        assert absent not in labels


# --- liking or commenting on someone's post: its support words are that post's, not one's own post


@pytest.mark.parametrize(
    "text",
    [
        "Akun Facebook seorang guru PPPK menyukai unggahan relawan yang mendukung calon bupati nomor 2.",
        "Seorang lurah mengomentari postingan tim pemenangan berisi ajakan memilih paslon nomor 1.",
        "Kepala seksi itu memberi tanda suka pada konten dukungan untuk calon gubernur di Instagram.",
        "Staf dinas menulis komentar di akun TikTok calon wali kota: siap dukung sampai menang, Pak!",
    ],
)
def test_reacting_to_a_post_is_not_posting(lexical: Screener, text: str) -> None:
    labels = _labels(lexical, text)
    assert "like_comment_share" in labels
    assert "social_media_post" not in labels


@pytest.mark.parametrize(
    "text",
    [
        # one's own upload stays a post, also next to a like in the same sentence
        "Seorang camat mengunggah foto paslon nomor 2 di Facebook dan menyukai komentar pendukungnya.",
        # the own post and the like are in different sentences
        (
            "Guru PNS itu menulis status Facebook mendukung calon bupati nomor 1. "
            "Ia juga menyukai unggahan relawan."
        ),
        # sharing with a caption of one's own is a post too
        (
            "Akun Instagram seorang kabid membagikan ulang video kampanye paslon "
            "disertai komentar dukung terus, Pak!"
        ),
    ],
)
def test_own_posts_next_to_likes_stay_posts(lexical: Screener, text: str) -> None:
    assert "social_media_post" in _labels(lexical, text)


@pytest.mark.parametrize("key", ["sentence_masks", "after_masks"])
@pytest.mark.parametrize(
    "value",
    [{"social_media_post": {"support": ["no_such_group"]}}, {"no_such_label": {"support": ["react_verb"]}}],
)
def test_a_mask_naming_an_unknown_group_or_label_is_refused(key: str, value: dict[str, object]) -> None:
    import yaml

    from netralitas.errors import ValidationError
    from netralitas.screening.cues import parse_cue_book
    from netralitas.screening.datafiles import read_data_text

    raw = yaml.safe_load(read_data_text("cues.yaml"))
    raw[key] = value
    with pytest.raises(ValidationError, match=key):
        parse_cue_book(raw, (), "cues.yaml")


# --- "siap mendukung / siap memenangkan X" declares one's own support; it calls nobody


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        (
            "Kami keluarga besar guru honorer siap mendukung paslon nomor 1 sampai menang!",
            "post",
            "social_media_post",
        ),
        (
            "Ibu-ibu arisan kompleks bersatu siap menangkan paslon nomor 2 satu putaran",
            "post",
            "social_media_post",
        ),
        (
            "Puluhan kades membacakan deklarasi siap memenangkan pasangan calon nomor urut 2 di hotel.",
            "complaint",
            "declaration_attendance",
        ),
        (
            "Seorang kabid berfoto bersama calon bupati bertuliskan kami siap mendukung di Facebook.",
            "complaint",
            "photo_with_candidate",
        ),
    ],
)
def test_declared_readiness_is_not_mobilising(lexical: Screener, text: str, kind: str, present: str) -> None:
    labels = _labels(lexical, text, kind)
    assert present in labels
    assert "mobilize_subordinates_or_public" not in labels


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Bapak ibu sekalian, ayo kita menangkan paslon nomor 2 di desa ini!", "speech"),
        ("Camat meminta para lurah siap memenangkan paslon nomor 2 di wilayahnya.", "complaint"),
        ("Kita siap memenangkan beliau, bapak ibu, jangan lupa coblos nomor 3 ya.", "speech"),
    ],
)
def test_calls_to_others_still_mobilise(lexical: Screener, text: str, kind: str) -> None:
    assert "mobilize_subordinates_or_public" in _labels(lexical, text, kind)


# --- a relative's candidacy ("istri camat yang menjadi caleg") is not the official's own


@pytest.mark.parametrize(
    "text",
    [
        "Seorang camat mengajak para lurah memilih istrinya yang maju sebagai caleg DPRD kabupaten.",
        "Kepala sekolah itu meminta guru mendukung suaminya yang mencalonkan diri sebagai bupati.",
        "Suami saya nyaleg tahun ini, tapi saya tetap PNS dan tidak ikut kampanye.",
    ],
)
def test_a_relatives_candidacy_is_not_the_officials(lexical: Screener, text: str) -> None:
    assert "candidacy_without_resign" not in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Seorang PNS dinas pertanian mencalonkan diri sebagai caleg DPRD tanpa mengundurkan diri.",
        "Camat itu mendaftar sebagai bakal calon wakil bupati sementara statusnya masih ASN aktif.",
    ],
)
def test_own_candidacy_still_found(lexical: Screener, text: str) -> None:
    assert "candidacy_without_resign" in _labels(lexical, text)


# --- "dengan" means "with" a person only before a side; "dengan mengenakan ..." is manner


@pytest.mark.parametrize(
    "text",
    [
        "Seorang lurah ikut kampanye calon bupati dengan mengenakan kaos bergambar foto calon tersebut.",
        "Kepala dinas itu mengunggah foto calon gubernur di Facebook dengan keterangan siap dukung.",
        "Guru PNS itu menyebarkan foto paslon nomor 2 dengan menambahkan tulisan lanjutkan di grup WhatsApp.",
    ],
)
def test_manner_dengan_is_no_photo_with_a_candidate(lexical: Screener, text: str) -> None:
    assert "photo_with_candidate" not in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Foto seorang camat berangkulan dengan calon bupati petahana beredar di grup warga.",
        "Dalam foto itu sekdes duduk semeja dengan caleg DPRD saat makan malam tim pemenangan.",
        "Beredar foto kepala puskesmas di sebelah paslon nomor 1 sambil tersenyum.",
        "Foto kebersamaan seorang guru PPPK dengan bakal calon wali kota diunggah ke Instagram.",
    ],
)
def test_photos_in_company_of_a_side_are_found(lexical: Screener, text: str) -> None:
    assert "photo_with_candidate" in _labels(lexical, text)


# --- an upload whose agent is somebody else ("diunggah ... oleh orang lain / oleh akun relawan")


@pytest.mark.parametrize(
    "text",
    [
        "Seorang camat berfoto bersama calon bupati; foto itu diunggah ke Instagram oleh akun relawan.",
        "Video kepala sekolah berjoget di panggung paslon nomor 2 disebarkan oleh warganet di TikTok.",
        "Foto lurah dengan caleg DPRD diposting oleh orang lain di Facebook tanpa sepengetahuan lurah itu.",
    ],
)
def test_an_upload_by_somebody_else_is_no_post_of_the_official(lexical: Screener, text: str) -> None:
    assert "social_media_post" not in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Camat mengunggah foto paslon nomor 2 di Facebook, lalu foto itu dibagikan ulang oleh akun relawan.",
        "Foto bersama calon bupati itu diunggah sendiri oleh kepala dinas ke akun Facebook pribadinya.",
    ],
)
def test_own_uploads_stay_posts(lexical: Screener, text: str) -> None:
    assert "social_media_post" in _labels(lexical, text)


# --- leading is organising when what is led is a campaign or team matter


@pytest.mark.parametrize(
    "text",
    [
        "Sekcam itu memimpin rapat tim pemenangan paslon nomor 2 di rumahnya setiap malam.",
        "Seorang kepala dinas diduga memimpin konsolidasi relawan calon gubernur petahana.",
        "Rapat strategi pemenangan caleg DPRD itu dipimpin langsung oleh seorang camat.",
    ],
)
def test_leading_a_team_meeting_is_organising(lexical: Screener, text: str) -> None:
    assert "campaign_speaker_or_organizer" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Seorang lurah memakai kaos bergambar paslon nomor 1 saat memimpin senam pagi warga.",
        "Guru PPPK itu tercatat sebagai pengurus partai dan memimpin rapat-rapat partai di desanya.",
    ],
)
def test_leading_other_things_near_a_side_is_not_organising(lexical: Screener, text: str) -> None:
    labels = _labels(lexical, text)
    assert labels != {"none"}
    assert "campaign_speaker_or_organizer" not in labels


# --- a roll call (apel) is an official event, not an appeal in itself


@pytest.mark.parametrize(
    "text",
    [
        "Dalam apel pagi di kantor kecamatan, camat meminta seluruh pegawai memilih paslon nomor 2.",
        "Saat apel pagi, seorang sekcam meminta pegawai membantu pemenangan calon bupati petahana.",
        "Apel pagi di dinas dimanfaatkan kepala dinas untuk mengajak guru mendukung calon petahana.",
    ],
)
def test_a_call_at_a_roll_call_uses_an_official_event(lexical: Screener, text: str) -> None:
    assert {"mobilize_subordinates_or_public", "use_state_facilities"} <= _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Dalam apel pagi, bupati mengingatkan seluruh ASN menjaga netralitas dalam pilkada.",
        "Saat apel pagi, sekda menegaskan pegawai dilarang mengajak warga memilih calon tertentu.",
    ],
)
def test_neutrality_appeals_at_a_roll_call_stay_none(text: str) -> None:
    assert set(screen_text(text).labels) == {"none"}


# --- rooms, stores and fences of an office or school used for a side


@pytest.mark.parametrize(
    "text",
    [
        "Rapat pemenangan paslon nomor 1 digelar di ruang kepala sekolah setiap Jumat sore.",
        "Kaos dan stiker calon bupati petahana disimpan di gudang kantor kelurahan sebelum dibagikan.",
        "Baliho caleg DPRD terpasang di pagar puskesmas sejak pekan lalu.",
        "Lewat surat berkop dinas, kabid meminta staf mendukung pasangan calon nomor urut 3.",
    ],
)
def test_office_rooms_and_fences_used_for_a_side(lexical: Screener, text: str) -> None:
    assert "use_state_facilities" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Satpol PP mencopot baliho caleg yang terpasang di pagar sekolah karena melanggar aturan.",
        "Kepala sekolah memasang spanduk imbauan netralitas ASN di pagar sekolah.",
        "Rapat di ruang kepala dinas membahas kesiapan logistik pemungutan suara bersama KPU.",
    ],
)
def test_office_rooms_in_rules_news_and_duty_stay_none(text: str) -> None:
    assert set(screen_text(text).labels) == {"none"}


# --- a party's own working meeting is membership business, not a campaign event


@pytest.mark.parametrize(
    "text",
    [
        "Seorang guru PNS hadir dalam rapat kerja Partai Golkar tingkat kabupaten sebagai pengurus.",
        "Kepala seksi itu rutin ikut rapat pengurus ranting partai setiap malam Jumat.",
        "Sekwan berstatus PNS menghadiri rapat penjaringan bakal calon bupati yang digelar sebuah partai.",
    ],
)
def test_party_working_meetings_are_not_campaigns(lexical: Screener, text: str) -> None:
    assert "attend_campaign" not in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Seorang camat menghadiri rapat umum partai pengusung paslon nomor 2 di lapangan kota.",
        "Dua guru PPPK terlihat hadir dalam acara sosialisasi caleg Partai Demokrat di balai warga.",
    ],
)
def test_party_rallies_and_socialisations_are_still_attending(lexical: Screener, text: str) -> None:
    assert "attend_campaign" in _labels(lexical, text)


# --- KTP handed in or collected for the independent route named elsewhere in a short message


@pytest.mark.parametrize(
    "text",
    [
        "Tolong setor fotokopi KTP ke saya paling lambat Jumat. Buat calon independen kita, pak camat tahu.",
        "Sudah terkumpul 150 KTP dukungan dari guru-guru. Jalur perseorangan aman!",
        "Bapak ibu guru, kumpulkan KTP keluarga ke ruang TU ya. Untuk paslon perseorangan dukungan kepsek.",
    ],
)
def test_ktp_for_the_independent_route_in_a_short_message(lexical: Screener, text: str) -> None:
    assert "support_letter_ktp" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Jangan serahkan fotokopi KTP kepada tim calon independen mana pun tanpa tahu kegunaannya.",
        "Warga yang KTP-nya dicatut untuk dukungan calon independen bisa melapor ke Bawaslu.",
        "Bawa KTP ke TPS ya. Calon independen maupun calon partai sama-sama boleh dipilih.",
    ],
)
def test_ktp_warnings_and_voting_reminders_stay_none(text: str) -> None:
    assert set(screen_text(text).labels) == {"none"}


# --- family, religious, customary and government events are no campaign events by their "acara"


@pytest.mark.parametrize(
    "text",
    [
        "Seorang camat menghadiri acara pernikahan warga yang juga dihadiri calon bupati petahana.",
        "Kepala puskesmas hadir di acara tahlilan di rumah duka; seorang caleg DPRD juga datang.",
        "Lurah itu ikut acara adat di kampungnya, tempat calon wakil bupati juga hadir sebagai tamu.",
    ],
)
def test_social_events_with_a_candidate_present_are_not_campaigns(lexical: Screener, text: str) -> None:
    assert "attend_campaign" not in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kepala dinas hadir dalam kampanye terselubung calon bupati yang dikemas sebagai acara adat.",
        "Seorang camat menghadiri acara silaturahmi pasangan calon nomor 2 di rumah makan.",
    ],
)
def test_campaigns_dressed_as_events_are_still_attending(lexical: Screener, text: str) -> None:
    assert "attend_campaign" in _labels(lexical, text)


# --- listed in a campaign team's structure or decree


@pytest.mark.parametrize(
    "text",
    [
        "Nama dua guru PNS tercantum dalam susunan tim pemenangan paslon nomor 1 tingkat kecamatan.",
        "Bawaslu menemukan seorang camat dalam struktur tim kampanye calon bupati yang diserahkan ke KPU.",
        "Dalam SK tim pemenangan caleg itu, seorang kepala sekolah ditulis sebagai sekretaris.",
    ],
)
def test_listed_in_a_team_structure_is_organising(lexical: Screener, text: str) -> None:
    assert "campaign_speaker_or_organizer" in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        "KPU meminta setiap paslon menyerahkan struktur tim kampanye paling lambat Senin.",
        "Bawaslu memastikan tidak ada ASN dalam susunan tim kampanye ketiga paslon.",
    ],
)
def test_team_structures_in_rules_news_stay_none(text: str) -> None:
    assert set(screen_text(text).labels) == {"none"}


# --- collecting KTP copies is no gathering of people


@pytest.mark.parametrize(
    "text",
    [
        "Seorang bidan PPPK mengumpulkan fotokopi KTP warga untuk mendukung bakal calon perseorangan.",
        "Sekdes itu diduga mengumpulkan KTP para guru honorer bagi dukungan calon independen bupati.",
    ],
)
def test_collecting_ktp_is_a_support_letter_not_mobilising(lexical: Screener, text: str) -> None:
    labels = _labels(lexical, text)
    assert "support_letter_ktp" in labels
    assert "mobilize_subordinates_or_public" not in labels


@pytest.mark.parametrize(
    "text",
    [
        "Lurah mengumpulkan warga di balai desa untuk mendukung calon bupati petahana.",
        "Camat mengumpulkan para kepala desa dan meminta mereka memenangkan paslon nomor 2.",
        "Perangkat desa dikerahkan mengumpulkan fotokopi KTP warga bagi bakal calon wali kota perseorangan.",
    ],
)
def test_gathering_people_is_still_mobilising(lexical: Screener, text: str) -> None:
    assert "mobilize_subordinates_or_public" in _labels(lexical, text)
