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
from typing import cast

from netralitas.screening.datafiles import data_lines

#: A token is a word (letters/digits, no underscore) or any single non-space, non-word character
#: (punctuation, '#', '@', emoji); everything else (white space, '_') separates tokens. The
#: pattern is a capturing group: ``split`` gives [gap, token, gap, token, ..., gap] in one C call
#: (no match objects), from which the tokens and their offsets are sliced and summed.
_SPLIT = re.compile(r"([^\W_]+|[^\w\s])")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
#: The same patterns for lower-case ASCII text (where \w is [a-z0-9_]): a letter three times in
#: a row, and a token.
_ASCII_REPEAT = re.compile(r"([a-z])\1\1")
_ASCII_SPLIT = re.compile(r"([a-z0-9]+|[^\w\s])")
_SENTENCE_END = frozenset(".!?;")
_PLUS_ONE = (1).__add__


@dataclass(slots=True)
class Normalised:
    """A normalised text. ``starts[i]`` is where token i begins in ``text``; token i covers
    ``original[bounds[2 * i]:bounds[2 * i + 1]]`` (``spans[i]`` as a pair); ``sentences[i]`` is
    its sentence number. Treat as read-only (not frozen: built for every screened text)."""

    original: str
    text: str
    starts: list[int]
    bounds: list[int]
    sentences: list[int]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` in ``original`` of every token."""
        bounds = self.bounds
        return list(zip(bounds[0::2], bounds[1::2], strict=False))  # one bound more at even places

    @property
    def token_count(self) -> int:
        return len(self.starts)

    def token_at(self, char_index: int) -> int:
        """The index of the token containing ``char_index`` of ``text``."""
        return bisect_right(self.starts, char_index) - 1

    def original_span(self, first_token: int, last_token: int) -> tuple[int, int]:
        """The original-text span covering tokens ``first_token..last_token`` (inclusive)."""
        return self.bounds[2 * first_token], self.bounds[2 * last_token + 1]

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


def _sentences(lowered: str, parts: list[str], pieces: list[str]) -> list[int]:
    """Sentence number per token: a new sentence after . ! ? ; and at a line break (``pieces``:
    the split text, the gaps between tokens at even indexes)."""
    if not parts:
        return []
    if "\n" not in lowered:
        if _SENTENCE_END.isdisjoint(parts):  # one sentence: the common case
            return [0] * len(parts)
        return list(accumulate(map(_SENTENCE_END.__contains__, parts[:-1]), initial=0))
    gaps = pieces[2:-1:2]  # between token i and token i + 1
    breaks = [part in _SENTENCE_END or "\n" in gap for part, gap in zip(parts[:-1], gaps, strict=True)]
    return list(accumulate(breaks, initial=0))


def _split(text: str) -> tuple[str, list[str], re.Pattern[str]]:
    """The lower-cased text, its pieces ([gap, token, gap, token, ..., gap]) and the pattern
    of repeated letters for it."""
    if text.isascii():  # most posts: ASCII-only patterns are several times cheaper, same result
        lowered = text.lower()
        return lowered, _ASCII_SPLIT.split(lowered), _ASCII_REPEAT
    lowered = _lower(text)
    return lowered, _SPLIT.split(lowered), _REPEAT


def _build(text: str, lowered: str, pieces: list[str], parts: list[str]) -> Normalised:
    # start of token i in the padded text: 1 + sum of (len + 1) of the tokens before it
    starts = list(accumulate(map(_PLUS_ONE, map(len, parts[:-1])), initial=1)) if parts else []
    bounds = list(accumulate(map(len, pieces)))
    return Normalised(text, " " + " ".join(parts) + " ", starts, bounds, _sentences(lowered, parts, pieces))


def normalise(text: str, lexicon: Mapping[str, str] | None = None) -> Normalised:
    """Normalise ``text``; see the module docstring for what changes and what never does.

    The lexicon holds no key with a digit and repeated-letter folding touches letters only, so
    tokens with digits always pass through unchanged.
    """
    lex = default_lexicon() if lexicon is None else lexicon
    lowered, pieces, repeat = _split(text)
    raw = pieces[1::2]
    if repeat.search(lowered) is not None:
        parts = [_standard(token, lex) for token in raw]
    else:
        parts = list(map(lex.get, raw, raw))
    return _build(text, lowered, pieces, parts)


class Normaliser:
    """``normalise`` with the lexicon bound once, for many texts: the standard form of every
    token seen is kept (at most ``memo_size`` tokens, then the memo starts afresh, so memory
    stays bounded), so most tokens cost one dictionary look-up. Same result as ``normalise``."""

    def __init__(self, lexicon: Mapping[str, str], memo_size: int = 65_536) -> None:
        self.lexicon = lexicon
        self.memo_size = memo_size
        self.memo: dict[str, str] = {}

    def normalise(self, text: str) -> Normalised:
        lowered, pieces, _ = _split(text)
        raw = pieces[1::2]
        memo = self.memo
        known = list(map(memo.get, raw))
        if None in known:
            if len(memo) > self.memo_size:
                memo.clear()
            lex = self.lexicon
            parts: list[str] = []
            for token, standard in zip(raw, known, strict=True):
                if standard is None:
                    standard = memo[token] = _standard(token, lex)
                parts.append(standard)
        else:
            parts = cast(list[str], known)
        return _build(text, lowered, pieces, parts)


def normalise_phrase(phrase: str, lexicon: Mapping[str, str] | None = None) -> str:
    """The normalised form of a lexicon or gazetteer phrase, without the padding spaces."""
    return normalise(phrase, lexicon).text.strip()
