"""The fixed behaviour vocabulary (see BEHAVIOURS.md in the shared brief).

Screening outputs these labels, the rule engine takes them as facts, officers confirm or
correct them on a case. Values are stable ids: never rename one, only add.
"""

from __future__ import annotations

from enum import StrEnum


class Behaviour(StrEnum):
    SOCIAL_MEDIA_POST = "social_media_post"
    LIKE_COMMENT_SHARE = "like_comment_share"
    PHOTO_WITH_CANDIDATE = "photo_with_candidate"
    PARTISAN_GESTURE = "partisan_gesture"
    ATTEND_CAMPAIGN = "attend_campaign"
    DECLARATION_ATTENDANCE = "declaration_attendance"
    CAMPAIGN_SPEAKER_OR_ORGANIZER = "campaign_speaker_or_organizer"
    WEAR_PARTY_ATTRIBUTES = "wear_party_attributes"
    INSTALL_CAMPAIGN_PROPS = "install_campaign_props"
    MOBILIZE_SUBORDINATES_OR_PUBLIC = "mobilize_subordinates_or_public"
    USE_STATE_FACILITIES = "use_state_facilities"
    DECISION_BENEFITING_CANDIDATE = "decision_benefiting_candidate"
    GIVE_GOODS_OR_MONEY = "give_goods_or_money"
    SUPPORT_LETTER_KTP = "support_letter_ktp"
    PARTY_MEMBERSHIP = "party_membership"
    CANDIDACY_WITHOUT_RESIGN = "candidacy_without_resign"
    OTHER = "other"
    NONE = "none"


#: Indonesian first, English second.
BEHAVIOUR_LABELS: dict[Behaviour, tuple[str, str]] = {
    Behaviour.SOCIAL_MEDIA_POST: ("Unggahan/status media sosial mendukung calon", "Social media post"),
    Behaviour.LIKE_COMMENT_SHARE: ("Menyukai, mengomentari, membagikan, mengikuti", "Like/comment/share"),
    Behaviour.PHOTO_WITH_CANDIDATE: ("Foto bersama calon/tim/alat peraga", "Photo with candidate"),
    Behaviour.PARTISAN_GESTURE: ("Gestur keberpihakan (pose jari, simbol)", "Partisan gesture"),
    Behaviour.ATTEND_CAMPAIGN: ("Menghadiri kampanye/sosialisasi", "Attending a campaign"),
    Behaviour.DECLARATION_ATTENDANCE: ("Menghadiri deklarasi calon", "Attending a declaration"),
    Behaviour.CAMPAIGN_SPEAKER_OR_ORGANIZER: (
        "Juru kampanye, penyelenggara, tim sukses/pemenangan",
        "Campaign speaker, organiser or team member",
    ),
    Behaviour.WEAR_PARTY_ATTRIBUTES: ("Memakai atribut partai/calon", "Wearing party attributes"),
    Behaviour.INSTALL_CAMPAIGN_PROPS: ("Memasang alat peraga kampanye", "Installing campaign props"),
    Behaviour.MOBILIZE_SUBORDINATES_OR_PUBLIC: (
        "Mengarahkan/mengajak bawahan atau masyarakat",
        "Mobilising subordinates or the public",
    ),
    Behaviour.USE_STATE_FACILITIES: ("Menggunakan fasilitas negara", "Using state facilities"),
    Behaviour.DECISION_BENEFITING_CANDIDATE: (
        "Keputusan/tindakan menguntungkan atau merugikan calon",
        "Decision benefiting or harming a candidate",
    ),
    Behaviour.GIVE_GOODS_OR_MONEY: ("Memberi uang/barang", "Giving goods or money"),
    Behaviour.SUPPORT_LETTER_KTP: ("Surat dukungan/fotokopi KTP", "Support letter / KTP copies"),
    Behaviour.PARTY_MEMBERSHIP: ("Anggota/pengurus partai politik", "Party membership"),
    Behaviour.CANDIDACY_WITHOUT_RESIGN: (
        "Mencalonkan diri tanpa mengundurkan diri/cuti",
        "Candidacy without resigning",
    ),
    Behaviour.OTHER: ("Perbuatan keberpihakan lainnya", "Other partisan conduct"),
    Behaviour.NONE: ("Tidak ada pelanggaran", "Nothing prohibited"),
}

ALL_BEHAVIOURS: tuple[str, ...] = tuple(b.value for b in Behaviour)
