"""Normalising informal Indonesian questions and scoring them against patterns."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

#: Canonical token → informal or inflected forms that mean the same here. Kept small and explicit.
_FORMS: dict[str, tuple[str, ...]] = {
    "tidak": ("gak", "nggak", "ga", "enggak", "ngga", "engga", "tdk", "gk", "g"),
    "asn": ("pns", "pppk", "cpns", "asn", "pegawai", "abdi", "guru", "camat", "lurah"),
    "calon": (
        "paslon", "capres", "cawapres", "cabup", "cagub", "cawalkot", "bacalon", "caleg", "kandidat",
        "bupati", "gubernur", "walikota", "presiden",
    ),
    "like": ("ngelike", "nge-like", "likes", "liked", "menyukai", "ngelaik", "lik"),
    "post": ("postingan", "posting", "memposting", "unggahan", "mengunggah", "upload", "status"),
    "foto": ("swafoto", "selfie", "berfoto", "difoto", "foto-foto"),
    "pilih": ("nyoblos", "mencoblos", "coblos", "memilih", "milih", "nyoblosnya"),
    "komentar": ("komen", "berkomentar", "mengomentari"),
    "bagikan": ("share", "membagikan", "repost", "forward", "meneruskan"),
    "hadir": ("menghadiri", "datang", "ikut"),
    "partai": ("parpol",),
    "desa": ("kades", "perbekel", "nagari"),
    "spanduk": ("baliho", "banner", "stiker", "poster"),
    "sembako": ("uang", "amplop", "bansos"),
    "medsos": ("wa", "whatsapp", "fb", "facebook", "ig", "instagram", "tiktok"),
}  # fmt: skip
SYNONYMS: dict[str, str] = {form: canonical for canonical, forms in _FORMS.items() for form in forms}

STOPWORDS = frozenset(
    {
        "bolehkah",
        "boleh",
        "apakah",
        "apa",
        "saya",
        "aku",
        "kami",
        "kita",
        "seorang",
        "sebagai",
        "yang",
        "di",
        "ke",
        "dari",
        "dengan",
        "sama",
        "untuk",
        "dan",
        "atau",
        "itu",
        "ini",
        "tersebut",
        "kah",
        "dong",
        "sih",
        "ya",
        "nya",
        "para",
        "saat",
        "waktu",
        "kalau",
        "jika",
        "mau",
        "ingin",
        "may",
        "can",
        "i",
        "a",
        "an",
        "the",
        "is",
        "it",
        "to",
        "with",
        "of",
    }
)

_NON_WORD = re.compile(r"[^a-z0-9-]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse stretched letters, map synonyms."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    folded = _REPEATS.sub(r"\1", folded)
    tokens = [SYNONYMS.get(tok, tok) for tok in _NON_WORD.sub(" ", folded).split()]
    return " ".join(tok for tok in tokens if tok not in STOPWORDS and tok.strip("-"))


@dataclass(frozen=True)
class Scored:
    key: str
    text: str
    score: float


def score(question: str, pattern: str, keywords: tuple[str, ...] = ()) -> float:
    """Fuzzy similarity (0–100) of two normalised texts plus a bonus for each keyword present."""
    if not question or not pattern:
        return 0.0
    base = 0.5 * fuzz.token_set_ratio(question, pattern) + 0.5 * fuzz.token_sort_ratio(question, pattern)
    words = set(question.split())
    hits = sum(1 for keyword in keywords if normalise(keyword) in words)
    return base + 8.0 * hits
