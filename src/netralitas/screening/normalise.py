"""Normalisation of informal Indonesian with an offset map back into the original text.

The normalised form is a sequence of tokens joined by single spaces, with a leading and a
trailing space (`" ayo pilih nomor 2 "`), so that phrase matching on whole tokens is plain
substring matching. Every token keeps the span of the original text it came from, so evidence
found in the normalised text always points into the ORIGINAL text.

What changes: case; runs of three or more equal letters ("bangeeet" → "banget"); informal
spellings and abbreviations from the project lexicon (``data/lexicon.csv``: "yg" → "yang",
"gk" → "tidak", "no" → "nomor"; an entry mapping a word to itself protects it, e.g. "pppk").
What never changes: digits. A token that contains a digit is
kept as written ("02", "paslon2"), so ballot numbers survive ("no 2" → "nomor 2").
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from netralitas.screening.datafiles import data_lines

#: A word (letters/digits, no underscore) or any single non-space, non-word character
#: (punctuation, '#', '@', emoji).
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
#: The same two patterns for lower-case ASCII text (where \w is [a-z0-9_]): a letter three
#: times in a row, and a token.
_ASCII_REPEAT = re.compile(r"([a-z])\1\1")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+|[^\w\s]")
_SENTENCE_END = frozenset(".!?;")
_MATCH_SPAN = re.Match.span
_MATCH_GROUP = re.Match.group
_PLUS_ONE = (1).__add__


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text. ``starts[i]`` is where token i begins in ``text``;
    ``spans[i]`` is its (start, end) in ``original``; ``sentences[i]`` its sentence number."""

    original: str
    text: str
    starts: list[int]
    spans: list[tuple[int, int]]
    sentences: list[int]

    @property
    def token_count(self) -> int:
        return len(self.starts)

    def token_at(self, char_index: int) -> int:
        """The index of the token containing ``char_index`` of ``text``."""
        return bisect_right(self.starts, char_index) - 1

    def original_span(self, first_token: int, last_token: int) -> tuple[int, int]:
        """The original-text span covering tokens ``first_token..last_token`` (inclusive)."""
        return self.spans[first_token][0], self.spans[last_token][1]

    def find_tokens(self, phrase: str) -> tuple[int, int] | None:
        """Token range of the first whole-token occurrence of a normalised ``phrase``."""
        at = self.text.find(f" {phrase} ")
        if at < 0:
            return None
        first = self.token_at(at + 1)
        last = self.token_at(at + len(phrase))
        return first, last


@cache
def default_lexicon() -> Mapping[str, str]:
    """The lexicon shipped with the package (informal → standard)."""
    with data_lines("lexicon.csv") as handle:
        return load_lexicon_rows(csv.DictReader(handle))


def load_lexicon_rows(rows: csv.DictReader[str]) -> dict[str, str]:
    lexicon: dict[str, str] = {}
    for row in rows:
        informal = (row.get("informal") or "").strip().lower()
        standard = (row.get("standard") or "").strip().lower()
        if informal and standard and not any(ch.isdigit() for ch in informal):
            lexicon[informal] = standard
    return lexicon


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # Rare characters whose lower case is longer (e.g. "İ"): keep them so offsets stay aligned.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _standard(token: str, lex: Mapping[str, str]) -> str:
    standard = lex.get(token)
    if standard is None:
        token = _REPEAT.sub(r"\1", token)
        standard = lex.get(token)
    return token if standard is None else standard


def _sentences(lowered: str, parts: list[str], spans: list[tuple[int, int]]) -> list[int]:
    """Sentence number per token: a new sentence after . ! ? ; and at a line break."""
    if not parts:
        return []
    if "\n" not in lowered:  # the common case, all in C
        return list(accumulate(map(_SENTENCE_END.__contains__, parts[:-1]), initial=0))
    breaks = [part in _SENTENCE_END for part in parts[:-1]]
    for i in range(len(breaks)):
        breaks[i] = breaks[i] or lowered.find("\n", spans[i][1], spans[i + 1][0]) >= 0
    return list(accumulate(breaks, initial=0))


def normalise(text: str, lexicon: Mapping[str, str] | None = None) -> Normalised:
    """Normalise ``text``; see the module docstring for what changes and what never does.

    The lexicon holds no key with a digit and repeated-letter folding touches letters only, so
    tokens with digits always pass through unchanged.
    """
    lex = default_lexicon() if lexicon is None else lexicon
    if text.isascii():  # most posts: ASCII-only patterns are several times cheaper, same result
        lowered, token, repeat = text.lower(), _ASCII_TOKEN, _ASCII_REPEAT
    else:
        lowered, token, repeat = _lower(text), _TOKEN, _REPEAT
    matches = list(token.finditer(lowered))
    spans = list(map(_MATCH_SPAN, matches))
    raw = list(map(_MATCH_GROUP, matches))
    if repeat.search(lowered) is not None:
        parts = [_standard(token, lex) for token in raw]
    else:
        parts = list(map(lex.get, raw, raw))
    # start of token i in the padded text: 1 + sum of (len + 1) of the tokens before it
    starts = list(accumulate(map(_PLUS_ONE, map(len, parts[:-1])), initial=1)) if parts else []
    return Normalised(text, " " + " ".join(parts) + " ", starts, spans, _sentences(lowered, parts, spans))


def normalise_phrase(phrase: str, lexicon: Mapping[str, str] | None = None) -> str:
    """The normalised form of a lexicon or gazetteer phrase, without the padding spaces."""
    return normalise(phrase, lexicon).text.strip()
