"""Fictional but realistic material for the demo data set (names, positions, acts)."""

from __future__ import annotations

#: Provinces seeded: DKI Jakarta, Jawa Barat, Jawa Tengah, DI Yogyakarta, Jawa Timur, Bali,
#: Sulawesi Selatan.
PROVINCES = ("31", "32", "33", "34", "35", "51", "73")

FIRST_NAMES = (
    "Agus",
    "Budi",
    "Dewi",
    "Eko",
    "Fitri",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Putu",
    "Rahmat",
    "Siti",
    "Teguh",
    "Wahyu",
    "Yuliana",
    "Andi",
    "Ketut",
    "Ayu",
    "Bambang",
    "Sri",
    "Dian",
    "Rudi",
    "Ratna",
    "Arif",
    "Fajar",
    "Nyoman",
    "Hasanuddin",
)
LAST_NAMES = (
    "Santoso",
    "Wibowo",
    "Setiawan",
    "Handayani",
    "Saputra",
    "Hidayat",
    "Pratama",
    "Kurniawan",
    "Susanti",
    "Nugroho",
    "Rahayu",
    "Wijaya",
    "Lubis",
    "Siregar",
    "Sulistyo",
    "Purnomo",
    "Mahendra",
    "Astuti",
    "Syahputra",
    "Gunawan",
    "Permana",
    "Daeng Matta",
    "Suryadi",
    "Anggraini",
)
POSITIONS = (
    ("Camat", "pns"),
    ("Lurah", "pns"),
    ("Sekretaris Camat", "pns"),
    ("Kepala Dinas Pendidikan", "pns"),
    ("Kepala Sekolah SD Negeri", "pns"),
    ("Guru SMP Negeri", "pppk"),
    ("Kepala Puskesmas", "pns"),
    ("Analis Kebijakan", "pns"),
    ("Staf Bagian Umum", "pppk"),
    ("Kepala Bidang Bina Marga", "pns"),
    ("Penyuluh Pertanian", "pppk"),
    ("Sekretaris Daerah", "pns"),
    ("CPNS Pranata Komputer", "cpns"),
)
NON_ASN_POSITIONS = ("Kepala Desa", "Perangkat Desa (Kaur Umum)", "Tenaga Honorer")

#: (behaviour labels, description template). {who} {pos} {place} are filled in.
ACTS = (
    (("social_media_post",),
     "{who}, {pos}, mengunggah status WhatsApp berisi ajakan memilih pasangan calon nomor urut 2 "
     "lengkap dengan tagar kampanye, dilihat warga {place}."),
    (("photo_with_candidate", "partisan_gesture"),
     "Foto {who} ({pos}) berpose dua jari bersama calon bupati beredar di Facebook setelah acara di "
     "{place}."),
    (("attend_campaign", "wear_party_attributes"),
     "{who} yang menjabat {pos} terlihat menghadiri kampanye terbuka di lapangan {place} dengan kaos "
     "bergambar pasangan calon."),
    (("like_comment_share",),
     "Akun Instagram milik {who}, {pos}, menyukai dan membagikan unggahan tim pemenangan salah satu "
     "pasangan calon; tangkapan layar terlampir."),
    (("mobilize_subordinates_or_public",),
     "Dalam apel pagi di {place}, {who} ({pos}) mengarahkan pegawai untuk mendukung calon petahana "
     "dan meminta foto bukti kehadiran di acara kampanye."),
    (("use_state_facilities",),
     "Mobil dinas yang biasa dipakai {who}, {pos}, terparkir di posko pemenangan di {place} saat jam kerja."),
    (("give_goods_or_money",),
     "{who} ({pos}) membagikan paket sembako bergambar pasangan calon kepada warga {place}."),
    (("install_campaign_props",),
     "Warga melihat {who}, {pos}, ikut memasang baliho calon wali kota di simpang jalan {place}."),
    (("declaration_attendance",),
     "{who} yang bertugas sebagai {pos} hadir dan berorasi pada deklarasi bakal calon di {place}."),
    (("decision_benefiting_candidate",),
     "{pos} {who} menerbitkan surat edaran bantuan desa yang disertai stiker salah satu pasangan calon di "
     "{place}."),
)  # fmt: skip

RECOMMENDATION = (
    "Berdasarkan hasil pemeriksaan, yang bersangkutan terbukti melanggar kewajiban netralitas ASN. "
    "Direkomendasikan kepada PPK untuk menjatuhkan hukuman disiplin sesuai tingkat pelanggaran."
)
DECISION_FORMS = {
    "moderate": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
    "heavy": "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
}
