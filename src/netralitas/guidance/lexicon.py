"""Reading a "Bolehkah?" question: its words mapped to behaviours, employee type, stage and election.

Pure. The word lists are YAML data (``data/lexicon.yaml``). Behaviour and allowed-conduct phrases are
matched longest first, each using up its words, so "grup wa relawan" reads as joining a group and not
as being a volunteer; single words of six or more letters also match small typos (rapidfuzz).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from netralitas.rules.behaviours import Behaviour
from netralitas.rules.model import EmployeeType

DATA = Path(__file__).parent / "data" / "lexicon.yaml"
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_RATIO = 84.0

#: Acts that are the main one only when nothing more specific is named ("posting", "kampanye").
GENERIC = frozenset({"social_media_post", "attend_campaign"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_YEAR = re.compile(r"\b(20[1-3][0-9])\b")
#: Common informal spellings folded before matching (a word -> its usual form).
_SPELLING = {
    "gk": "gak", "ga": "gak", "nggak": "gak", "ngga": "gak", "enggak": "gak", "tdk": "tidak",
    "yg": "yang", "dgn": "dengan", "utk": "untuk", "krn": "karena", "sm": "sama", "bs": "bisa",
    "kl": "kalau", "klo": "kalau", "kalo": "kalau", "bgt": "banget", "org": "orang", "dr": "dari",
    "tpi": "tapi", "tp": "tapi", "jd": "jadi", "jdi": "jadi", "pake": "pakai", "pakek": "pakai",
    "ikutan": "ikut", "nyoblos": "nyoblos", "kmpanye": "kampanye", "kampaye": "kampanye",
    "bareng2": "bareng", "wa": "wa", "whatsapp": "whatsapp", "watsap": "whatsapp", "wasap": "whatsapp",
    "pegawe": "pegawai", "p3k": "p3k", "pik": "p3k", "caleq": "caleg",
}  # fmt: skip


class _LexiconIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    behaviours: dict[Behaviour, list[str]]
    allowed: dict[str, list[str]]
    employee_types: dict[EmployeeType, list[str]]
    asn_words: list[str]
    side_words: list[str]
    others: list[str]
    spouse_words: list[str]
    stages: dict[str, list[str]]
    elections: dict[str, list[str]]
    qualifiers: dict[str, list[str]]


Phrase = tuple[str, ...]


def fold(text: str) -> tuple[str, ...]:
    """Lower-case words without accents or punctuation, stretched letters collapsed, slang folded."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    folded = _REPEATS.sub(r"\1", folded)
    words = _NON_WORD.sub(" ", folded).split()
    return tuple(_SPELLING.get(w, w) for w in words)


def _phrases(items: list[str]) -> tuple[Phrase, ...]:
    return tuple(dict.fromkeys(fold(x) for x in items if fold(x)))


@dataclass(frozen=True)
class Lexicon:
    """Cue phrases by what they signal."""

    acts: tuple[tuple[Phrase, str, str], ...]  # (phrase, "behaviour"|"allowed", key), longest first
    employee_types: dict[EmployeeType, tuple[Phrase, ...]]
    asn_words: tuple[Phrase, ...]
    side_words: tuple[Phrase, ...]
    others: tuple[Phrase, ...]
    spouse_words: tuple[Phrase, ...]
    stages: dict[str, tuple[Phrase, ...]]
    elections: dict[str, tuple[Phrase, ...]]
    qualifiers: dict[str, tuple[Phrase, ...]]


@cache
def load_lexicon(path: Path = DATA) -> Lexicon:
    raw = _LexiconIn.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    acts = [(p, "behaviour", b.value) for b, items in raw.behaviours.items() for p in _phrases(items)]
    acts += [(p, "allowed", key) for key, items in raw.allowed.items() for p in _phrases(items)]
    acts.sort(key=lambda item: -len(item[0]))
    return Lexicon(
        tuple(acts),
        {t: _phrases(items) for t, items in raw.employee_types.items()},
        _phrases(raw.asn_words),
        _phrases(raw.side_words),
        _phrases(raw.others),
        _phrases(raw.spouse_words),
        {k: _phrases(v) for k, v in raw.stages.items()},
        {k: _phrases(v) for k, v in raw.elections.items()},
        {k: _phrases(v) for k, v in raw.qualifiers.items()},
    )


def _word_matches(cue: str, word: str) -> bool:
    if cue == word:
        return True
    if len(cue) < FUZZY_MIN_LENGTH or abs(len(cue) - len(word)) > 2 or cue[0] != word[0]:
        return False
    return fuzz.ratio(cue, word) >= FUZZY_MIN_RATIO


def find(phrase: Phrase, words: tuple[str, ...], used: set[int] | None = None) -> int | None:
    """Index where ``phrase`` starts in ``words`` (skipping used positions), or None."""
    n = len(phrase)
    for start in range(len(words) - n + 1):
        span = range(start, start + n)
        if used is not None and any(i in used for i in span):
            continue
        if all(_word_matches(cue, words[i]) for cue, i in zip(phrase, span, strict=True)):
            return start
    return None


def first_of(phrases: tuple[Phrase, ...], words: tuple[str, ...]) -> int | None:
    """Earliest position where any of ``phrases`` occurs."""
    hits = [i for p in phrases if (i := find(p, words)) is not None]
    return min(hits) if hits else None


@dataclass
class Cues:
    """Acts found in a question, in the order of their phrase length (most specific first)."""

    behaviours: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    allowed_positions: set[int] = field(default_factory=set)
    #: Behaviour -> first word position, to order acts as the question states them.
    positions: dict[str, int] = field(default_factory=dict)

    def main_first(self) -> list[str]:
        """Behaviours ordered: specific before generic, then by where they appear."""
        return sorted(self.behaviours, key=lambda b: (b in GENERIC, self.positions[b]))


def find_acts(lex: Lexicon, words: tuple[str, ...]) -> Cues:
    used: set[int] = set()
    cues = Cues()
    for phrase, kind, key in lex.acts:
        start = find(phrase, words, used)
        if start is None:
            continue
        used.update(range(start, start + len(phrase)))
        if kind == "allowed":
            cues.allowed_positions.update(range(start, start + len(phrase)))
        target = cues.behaviours if kind == "behaviour" else cues.allowed
        if key not in target:
            target.append(key)
        if kind == "behaviour":
            cues.positions[key] = min(start, cues.positions.get(key, start))
        cues.matched.append(" ".join(words[start : start + len(phrase)]))
    return cues


_MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
           "oktober", "november", "desember")  # fmt: skip
_SPOKEN_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r"|[a-z]{3})\s+(20\d\d)\b")
_ISO_DATE = re.compile(r"\b(20\d\d)-(\d{2})-(\d{2})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](20\d\d)\b")


def date_in(text: str) -> date | None:
    """A date written in the question: '1 Oktober 2024', '1 okt 2024', '2024-10-01' or '01/10/2024'."""
    lowered = text.lower()
    found: tuple[int, int, int] | None = None
    if m := _ISO_DATE.search(lowered):
        found = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := _NUMERIC_DATE.search(lowered):
        found = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    elif m := _SPOKEN_DATE.search(lowered):
        month = next((i for i, name in enumerate(_MONTHS, 1) if name.startswith(m.group(2))), None)
        found = (int(m.group(3)), month, int(m.group(1))) if month else None
    if found is None:
        return None
    try:
        return date(*found)
    except ValueError:
        return None


def year_in(text: str) -> int | None:
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None
