"""Indonesian person-name normalisation for matching (not for display).

Removes honorifics and academic degrees (``Drs. H. Ahmad Yani, M.Si.`` → ``ahmad yani``),
accents and punctuation, and unifies the common spellings of Muhammad.
"""

from __future__ import annotations

import re
import unicodedata

#: Titles written before a name (compared without dots, lower case).
PREFIX_TITLES = frozenset(
    {
        "dr", "drs", "dra", "drg", "ir", "h", "hj", "prof", "kh", "ky", "ny", "nn", "tn", "sdr", "sdri",
        "bpk", "bapak", "ibu", "ust", "ustadz", "ustaz", "ustadzah", "hc", "ns", "apt", "gus", "tgh", "tgk",
    }
)  # fmt: skip
#: Degrees sometimes written without dots or comma (``Budi SPd``); only unambiguous ones.
DEGREE_TOKENS = frozenset(
    {
        "spd", "mpd", "msi", "ssi", "skom", "mkom", "ssos", "msos", "sip", "mip", "mkes", "skm", "skep",
        "sked", "amd", "amk", "mba", "phd", "msc", "bsc", "mph", "mhum", "shum", "spdi", "mpdi", "sag",
        "mag", "shi", "mhi", "stp", "sthi", "sst", "sstp", "mm", "mt", "sh", "mh", "se", "ak", "cpa", "lc",
    }
)  # fmt: skip
_DEGREE_WITH_DOTS = re.compile(r"^[a-z]{1,3}\.[a-z]{1,5}(\.[a-z]{1,5})*\.?$")
_MUHAMMAD = frozenset(
    {"muhammad", "muhamad", "muhammat", "mohammad", "mohamad", "mohammed", "moh", "muh", "moch", "mochamad",
     "mochammad", "mukhammad", "mhd", "mohd"}
)  # fmt: skip
_NON_LETTER = re.compile(r"[^a-z ]+")
#: A title glued to the name ("H.Ahmad", "Drs.Budi"): split it off.
_GLUED_TITLE = re.compile(r"(?<![\w.])(h|hj|dr|drs|dra|drg|ir|prof|moh|muh|moch)\.(?=[a-z])")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _is_title(token: str) -> bool:
    bare = token.replace(".", "")
    if not bare:
        return True
    if bare in PREFIX_TITLES and (token.endswith(".") or len(bare) <= 4 or bare in {"bapak", "ibu"}):
        return True
    return bare in DEGREE_TOKENS or bool(_DEGREE_WITH_DOTS.match(token))


def normalise_person_name(name: str) -> str:
    """Matching key of a person's name; empty string when nothing but titles remain."""
    folded = _fold(name).split(",", 1)[0]
    folded = _GLUED_TITLE.sub(r"\1. ", folded.replace("k.h.", "kh "))
    words: list[str] = []
    for token in folded.split():
        word = _NON_LETTER.sub("", token)
        if _is_title(token) or _is_title(word):
            continue
        if word:
            words.append("muhammad" if word in _MUHAMMAD else word)
    return " ".join(words)
